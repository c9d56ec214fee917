#!/usr/bin/env bash
# One cold verification of sigstore-java 1.3.0's real Maven Central bundle, side by side with the
# sigstore-js peer (../shared/peers/sigstore-js), median of N runs each, alternating.
#   bench/verify-cold.sh [RUNS]        Build first: mvn -q -B package -DskipTests
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-9}"
artifacts="$here/benchmarks/target/registry-artifacts"
peer="$here/benchmarks/target/sigstore-js"
if [[ ! -d "$peer/node_modules" ]]; then
  rm -rf "$peer" && cp -r "$here/../shared/peers/sigstore-js" "$peer" && (cd "$peer" && npm ci --silent > /dev/null)
fi
bundle="$artifacts/sigstore-java-1.3.0.jar.sigstore.json"
jar="$artifacts/sigstore-java-1.3.0.jar"
id="https://github.com/sigstore/sigstore-java/.github/workflows/release-sigstore-java-from-tag.yaml@refs/tags/v1.3.0"
issuer="https://token.actions.githubusercontent.com"
root="$here/../shared/trust/public-good-trusted_root.json"
# The first run of verify records its class-data archive (the launcher keeps one per subcommand).
"$here/provenant" verify --bundle "$bundle" --certificate-identity "$id" --certificate-oidc-issuer "$issuer" "$jar" > /dev/null
ms() { local s e; s=$(date +%s%N); "$@" > /dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
p=(); j=()
for ((i = 0; i < runs; i++)); do
  p+=("$(ms "$here/provenant" verify --bundle "$bundle" --certificate-identity "$id" --certificate-oidc-issuer "$issuer" "$jar")")
  j+=("$(ms node "$peer/verify.js" verify-bundle --bundle "$bundle" --certificate-identity "$id" --certificate-oidc-issuer "$issuer" --trusted-root "$root" "$jar")")
done
pm=$(printf '%s\n' "${p[@]}" | median); jm=$(printf '%s\n' "${j[@]}" | median)
echo "provenant verify: median ${pm} ms  (runs: ${p[*]})"
echo "sigstore-js:      median ${jm} ms  (runs: ${j[*]})"
echo "ratio provenant/sigstore-js: $(echo "scale=2; $pm / $jm" | bc)"

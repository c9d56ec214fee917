#!/usr/bin/env bash
# One cold verification of sigstore-java 1.3.0's real Maven Central bundle, side by side with the
# sigstore-js peer (interop/sigstore-js), median of N runs each, alternating: wall time and
# CPU time (user + system, all threads).
#   bench/verify-cold.sh [RUNS]        Build first: mvn -q -B package -DskipTests
#   BASELINE=/other/checkout/provenant bench/verify-cold.sh [RUNS]
#                                      also times another build's launcher in the same rounds
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-9}"
artifacts="$here/benchmarks/target/registry-artifacts"
peer="$here/interop/sigstore-js"
if [[ ! -d "$peer/node_modules" ]]; then
  (cd "$peer" && npm ci --silent > /dev/null)
fi
bundle="$artifacts/sigstore-java-1.3.0.jar.sigstore.json"
jar="$artifacts/sigstore-java-1.3.0.jar"
id="https://github.com/sigstore/sigstore-java/.github/workflows/release-sigstore-java-from-tag.yaml@refs/tags/v1.3.0"
issuer="https://token.actions.githubusercontent.com"
# the public-good trusted root Provenant ships, given to the peer as a file
root="$here/verifier/src/main/resources/dev/provenant/verifier/trust/public-good-trusted_root.json"
launchers=("$here/provenant")
[[ -n "${BASELINE:-}" ]] && launchers+=("$BASELINE")
verify() { "$1" verify --bundle "$bundle" --certificate-identity "$id" --certificate-oidc-issuer "$issuer" "$jar"; }
# The first run of verify records its class-data archive (the launcher keeps one per subcommand).
for l in "${launchers[@]}"; do verify "$l" > /dev/null; verify "$l" > /dev/null; done
# "wall_ms cpu_ms" of one run
measure() {
  local s e; s=$(date +%s%N)
  /usr/bin/time -f '%U %S' -o "$tmp" "$@" > /dev/null
  e=$(date +%s%N)
  awk -v w=$(( (e - s) / 1000000 )) '{printf "%d %d\n", w, ($1 + $2) * 1000}' "$tmp"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
tmp="$(mktemp)"; trap 'rm -f "$tmp"' EXIT
declare -A wall cpu
for ((i = 0; i < runs; i++)); do
  for l in "${launchers[@]}"; do
    read -r w c < <(measure "$l" verify --bundle "$bundle" --certificate-identity "$id" --certificate-oidc-issuer "$issuer" "$jar")
    wall[$l]+="$w "; cpu[$l]+="$c "
  done
  read -r w c < <(measure node "$peer/verify.js" verify-bundle --bundle "$bundle" --certificate-identity "$id" \
    --certificate-oidc-issuer "$issuer" --trusted-root "$root" "$jar")
  wall[js]+="$w "; cpu[js]+="$c "
done
jm=$(tr ' ' '\n' <<< "${wall[js]}" | grep . | median); jc=$(tr ' ' '\n' <<< "${cpu[js]}" | grep . | median)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for l in "${launchers[@]}"; do
  pm=$(tr ' ' '\n' <<< "${wall[$l]}" | grep . | median); pc=$(tr ' ' '\n' <<< "${cpu[$l]}" | grep . | median)
  echo "$l verify: wall median ${pm} ms, CPU ${pc} ms  (wall: ${wall[$l]})"
  echo "  ratio to sigstore-js: wall $(echo "scale=2; $pm / $jm" | bc), CPU $(echo "scale=2; $pc / $jc" | bc)"
done
echo "sigstore-js: wall median ${jm} ms, CPU ${jc} ms  (wall: ${wall[js]})"

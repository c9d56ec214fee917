#!/usr/bin/env bash
# One cold verification of sigstore-java 1.3.0's real Maven Central bundle, side by side with the
# sigstore-js peer (interop/sigstore-js), median of N runs each, alternating: wall time and
# CPU time (user + system, all threads).
#   bench/verify-cold.sh [RUNS]        Build first: mvn -q -B package -DskipTests
#   bench/verify-cold.sh --installed [RUNS]
#                                      times the release distribution instead of the source-tree
#                                      launcher: distribution/target/provenant-*.tar.gz unpacked into a
#                                      temporary read-only folder, bin/provenant run through a symlink,
#                                      its class-data archives (or AOT cache) in a temporary user cache
#   BASELINE=/other/checkout/provenant bench/verify-cold.sh [RUNS]
#   BASELINE=/other/provenant-VERSION.tar.gz bench/verify-cold.sh --installed [RUNS]
#                                      also times another build (its launcher, or its distribution
#                                      installed the same way) in the same rounds
#   JAVA=/path/to/java (optional) is the JVM every Provenant run uses.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
installed=false
[[ "${1:-}" == --installed ]] && { installed=true; shift; }
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
tmp="$(mktemp)"
work="$(mktemp -d)"
cleanup() { rm -f "$tmp"; chmod -R u+w "$work" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# install NAME TARBALL: unpacked read-only under $work, reached through a symlink; prints the symlink
install() {
  mkdir -p "$work/$1/opt" "$work/$1/path"
  tar -xzf "$2" -C "$work/$1/opt"
  local dist; dist="$(echo "$work/$1"/opt/provenant-*)"
  chmod -R a-w "$dist"
  ln -s "$dist/bin/provenant" "$work/$1/path/provenant"
  echo "$work/$1/path/provenant"
}
if $installed; then
  tarball="$(ls "$here"/distribution/target/provenant-*.tar.gz 2>/dev/null | head -1)"
  [[ -n "$tarball" ]] || { echo "verify-cold: no distribution/target/provenant-*.tar.gz (mvn -B package -DskipTests)" >&2; exit 2; }
  launchers=("$(install this "$tarball")")
  [[ -n "${BASELINE:-}" ]] && launchers+=("$(install baseline "$BASELINE")")
  # a user cache of its own, so every installation starts with none recorded
  export XDG_CACHE_HOME="$work/cache"
else
  launchers=("$here/provenant")
  [[ -n "${BASELINE:-}" ]] && launchers+=("$BASELINE")
fi
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
declare -A wall cpu
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
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
echo "load average: before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg); java: $("${JAVA:-java}" -version 2>&1 | head -1)"
for l in "${launchers[@]}"; do
  name="$l"
  $installed && name="installed $(basename "$(dirname "$(dirname "$l")")")"
  pm=$(tr ' ' '\n' <<< "${wall[$l]}" | grep . | median); pc=$(tr ' ' '\n' <<< "${cpu[$l]}" | grep . | median)
  echo "$name verify: wall median ${pm} ms, CPU ${pc} ms  (wall: ${wall[$l]})"
  echo "  ratio to sigstore-js: wall $(echo "scale=2; $pm / $jm" | bc), CPU $(echo "scale=2; $pc / $jc" | bc)"
done
echo "sigstore-js: wall median ${jm} ms, CPU ${jc} ms  (wall: ${wall[js]})"

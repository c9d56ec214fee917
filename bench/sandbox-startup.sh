#!/usr/bin/env bash
# The start-up cost `provenant run --sandbox` adds to a step: `provenant run` of `true` with one
# material and one product folder, with and without --sandbox (PROFILE, default strict), measured with
# hyperfine in alternating order, and bubblewrap's own share (the bare sandbox around `true`).
# Results feed docs/PERFORMANCE.md ("Start-up cost of a sandboxed step"). Target: under 50 ms added.
#   bench/sandbox-startup.sh [RUNS] [PROFILE]     (defaults: 40 runs, strict)
# Build first (mvn -q -B package -DskipTests); needs bubblewrap and hyperfine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-40}"
profile="${2:-strict}"
command -v bwrap > /dev/null || { echo "bubblewrap (bwrap) is not installed: apt-get install bubblewrap" >&2; exit 2; }
command -v hyperfine > /dev/null || { echo "hyperfine is not installed: apt-get install hyperfine" >&2; exit 2; }
work="$(mktemp -d "${TMPDIR:-/tmp}/provenant-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
chmod 755 "$work"
echo hello > in.txt
mkdir out
"$here/provenant" keygen --type ed25519 --no-password --output-prefix k > /dev/null
plain=("$here/provenant" run -n step -k k.key -m in.txt -p out -- true)
boxed=("$here/provenant" run -n step -k k.key -m in.txt -p out --sandbox "$profile" -- true)
# the first run of each records its class-data archive; the rest map it
"${plain[@]}" > /dev/null
"${boxed[@]}" > /dev/null
q() { printf '%q ' "$@"; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $(id -un), $(bwrap --version)"
hyperfine -N --warmup 3 --runs "$runs" --export-markdown "$work/run.md" \
  -n "run -- true" "$(q "${plain[@]}")" -n "run --sandbox $profile -- true" "$(q "${boxed[@]}")"
hyperfine -N --warmup 3 --runs "$runs" --export-markdown "$work/run-reversed.md" \
  -n "run --sandbox $profile -- true" "$(q "${boxed[@]}")" -n "run -- true" "$(q "${plain[@]}")"
# bubblewrap's share: the sandbox's namespaces, mounts and prlimit around true, without the JVM
hyperfine -N --warmup 3 --runs "$runs" \
  -n "bwrap --version" "bwrap --version" \
  -n "bwrap sandbox + prlimit + true" "bwrap --unshare-pid --unshare-ipc --unshare-uts --unshare-net --die-with-parent --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp -- prlimit --nproc=128 -- true"
cat "$work/run.md" "$work/run-reversed.md"

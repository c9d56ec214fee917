#!/usr/bin/env bash
# The start-up cost `provenant run --sandbox` adds to a step: `provenant run` of `true` with one
# material and one product folder, with and without --sandbox (PROFILE, default strict), in interleaved
# pairs (median of each, and of the paired differences); then the same with the namespace probe run
# each time (PROVENANT_SANDBOX_PROBE_CACHE=off) against the remembered probe, interleaved too; and
# bubblewrap's own share (hyperfine, when installed: the bare sandbox around `true`).
# Results feed docs/PERFORMANCE.md ("Start-up cost of a sandboxed step"). Target: under 50 ms added.
#   bench/sandbox-startup.sh [RUNS] [PROFILE]     (defaults: 40 runs, strict)
# Build first (mvn -q -B package -DskipTests); needs bubblewrap (and hyperfine for the last part).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-40}"
profile="${2:-strict}"
command -v bwrap > /dev/null || { echo "bubblewrap (bwrap) is not installed: apt-get install bubblewrap" >&2; exit 2; }
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
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $(id -un), $(bwrap --version)"
# Interleaved pairs, the order alternating: on a machine shared with other work the load drifts within
# seconds, so the median of the paired differences says more than the difference of two means.
ms() { local s e; s=$(date +%s%N); "$@" > /dev/null 2>&1; e=$(date +%s%N); echo $(((e - s) / 1000)); }
median() { sort -n | awk '{a[NR]=$1} END {m = (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2); printf "%.1f", m / 1000}'; }
p=(); b=(); d=()
for ((i = 0; i < runs; i++)); do
  if ((i % 2)); then x=$(ms "${boxed[@]}"); y=$(ms "${plain[@]}"); else y=$(ms "${plain[@]}"); x=$(ms "${boxed[@]}"); fi
  p+=("$y"); b+=("$x"); d+=("$((x - y))")
done
printf '%d pairs, medians: run -- true %s ms, run --sandbox %s -- true %s ms, paired difference %s ms\n' "$runs" \
  "$(printf '%s\n' "${p[@]}" | median)" "$profile" "$(printf '%s\n' "${b[@]}" | median)" "$(printf '%s\n' "${d[@]}" | median)"
printf 'load average after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
# What remembering the namespace probe saves: a sandboxed run probing each time against one that does not
probing=(env PROVENANT_SANDBOX_PROBE_CACHE=off "${boxed[@]}")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
c=(); o=(); d=()
for ((i = 0; i < runs; i++)); do
  if ((i % 2)); then x=$(ms "${probing[@]}"); y=$(ms "${boxed[@]}"); else y=$(ms "${boxed[@]}"); x=$(ms "${probing[@]}"); fi
  c+=("$y"); o+=("$x"); d+=("$((x - y))")
done
printf '%d pairs, medians: run --sandbox, probe remembered %s ms, probing each time %s ms, paired difference %s ms\n' "$runs" \
  "$(printf '%s\n' "${c[@]}" | median)" "$(printf '%s\n' "${o[@]}" | median)" "$(printf '%s\n' "${d[@]}" | median)"
printf 'load average after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
command -v hyperfine > /dev/null || { echo "hyperfine is not installed (apt-get install hyperfine): bubblewrap's own share not measured"; exit 0; }
# bubblewrap's share: the sandbox's namespaces, mounts and prlimit around true, without the JVM
hyperfine -N --warmup 3 --runs "$runs" --style basic \
  -n "bwrap --version" "bwrap --version" \
  -n "bwrap sandbox + prlimit + true" "bwrap --unshare-pid --unshare-ipc --unshare-uts --unshare-net --die-with-parent --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp -- prlimit --nproc=128 -- true"

#!/usr/bin/env bash
# The start-up cost `provenant run --sandbox` adds to a step: `provenant run` of `true` with one
# material and one product folder, with and without --sandbox (PROFILE, default strict), in interleaved
# pairs (median of each, and of the paired differences); then the same with the namespace probe run
# each time (PROVENANT_SANDBOX_PROBE_CACHE=off) against the remembered probe, interleaved too; and
# bubblewrap's own share (hyperfine, when installed: the bare sandbox around `true`).
# Results feed docs/PERFORMANCE.md ("Start-up cost of a sandboxed step"). Target: under 50 ms added.
#   bench/sandbox-startup.sh [RUNS] [PROFILE]     (defaults: 40 runs, strict)
# Build first (mvn -q -B package -DskipTests); needs bubblewrap and python3 (and hyperfine for the last part).
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
echo "$(nproc) cores, $(id -un), $(bwrap --version)"
# Interleaved pairs, the order alternating: on a machine shared with other work the load drifts within
# seconds, so the median of the paired differences says more than the difference of two means. Each run
# is timed twice: wall-clock, and the CPU time (user + system) of it and of every process it waited for,
# which waiting for a core on a loaded machine does not inflate as much.
one() { python3 -c 'import os, sys, time
null = [(os.POSIX_SPAWN_OPEN, fd, "/dev/null", os.O_WRONLY, 0) for fd in (1, 2)]
t = time.monotonic_ns()
pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ, file_actions=null)
_, status, ru = os.wait4(pid, 0)
print((time.monotonic_ns() - t) // 1000, int((ru.ru_utime + ru.ru_stime) * 1e6))' "$@"; }
median() { sort -n | awk '{a[NR]=$1} END {m = (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2); printf "%.1f", m / 1000}'; }
# pairs NAME_A NAME_B ARRAY_A ARRAY_B (the commands, as arrays): the medians of A, B and of the paired differences B - A
pairs() {
  local an="$1" bn="$2"; local -n a="$3" b="$4"
  local aw=() bw=() dw=() ac=() bc=() dc=() x y
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  for ((i = 0; i < runs; i++)); do
    if ((i % 2)); then y=($(one "${b[@]}")); x=($(one "${a[@]}")); else x=($(one "${a[@]}")); y=($(one "${b[@]}")); fi
    aw+=("${x[0]}"); bw+=("${y[0]}"); dw+=("$((y[0] - x[0]))"); ac+=("${x[1]}"); bc+=("${y[1]}"); dc+=("$((y[1] - x[1]))")
  done
  printf '%d pairs, medians, wall-clock: %s %s ms, %s %s ms, paired difference %s ms\n' "$runs" "$an" \
    "$(printf '%s\n' "${aw[@]}" | median)" "$bn" "$(printf '%s\n' "${bw[@]}" | median)" "$(printf '%s\n' "${dw[@]}" | median)"
  printf '%d pairs, medians, CPU time:   %s %s ms, %s %s ms, paired difference %s ms\n' "$runs" "$an" \
    "$(printf '%s\n' "${ac[@]}" | median)" "$bn" "$(printf '%s\n' "${bc[@]}" | median)" "$(printf '%s\n' "${dc[@]}" | median)"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}
pairs "run -- true" "run --sandbox $profile -- true" plain boxed
# What remembering the namespace probe saves: a sandboxed run probing each time against one that does not
probing=(env PROVENANT_SANDBOX_PROBE_CACHE=off "${boxed[@]}")
pairs "run --sandbox, probe remembered" "probing each time" boxed probing
command -v hyperfine > /dev/null || { echo "hyperfine is not installed (apt-get install hyperfine): bubblewrap's own share not measured"; exit 0; }
# bubblewrap's share: the sandbox's namespaces, mounts and prlimit around true, without the JVM
hyperfine -N --warmup 3 --runs "$runs" --style basic \
  -n "bwrap --version" "bwrap --version" \
  -n "bwrap sandbox + prlimit + true" "bwrap --unshare-pid --unshare-ipc --unshare-uts --unshare-net --die-with-parent --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp -- prlimit --nproc=128 -- true"

#!/usr/bin/env bash
# Signing one artifact keyless against the embedded Sigstore stack, wall time of a whole
# `provenant sign --keyless` run including JVM start-up: identity token, Fulcio certificate over
# gRPC/TLS, Rekor v1 entry, checks against the trusted root, bundle written. Median of N runs.
#   bench/keyless-sign.sh [RUNS]        Build first: mvn -q -B package -DskipTests
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
work="$(mktemp -d "${TMPDIR:-/tmp}/provenant-keyless-bench.XXXXXX")"
stack_pid=""
cleanup() {
  # on the run that records its class-data archive ./provenant runs java as a child, so stop that too
  if [[ -n "$stack_pid" ]]; then
    pkill -TERM -P "$stack_pid" 2>/dev/null || true
    kill "$stack_pid" 2>/dev/null || true
    wait "$stack_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
"$here/provenant" local-sigstore --dir sigstore --identity bench@example.test --json > sigstore.json 2> sigstore.log &
stack_pid=$!
for _ in $(seq 1 240); do grep -q '"ready":true' sigstore.json 2>/dev/null && break; sleep 0.5; done
grep -q '"ready":true' sigstore.json || { echo "the stack did not start:" >&2; cat sigstore.log >&2; exit 1; }
trust_store="$(sed -n 's/.*"trustStore":"\([^"]*\)".*/\1/p' sigstore.json)"
export PROVENANT_JAVA_OPTS="-Djavax.net.ssl.trustStore=$trust_store"
head -c 1048576 /dev/urandom > artifact.bin
sign=("$here/provenant" sign --keyless --identity-token @sigstore/token --signing-config sigstore/signing_config.json
  --trusted-root sigstore/trusted_root.json artifact.bin --bundle)
"${sign[@]}" warmup.json > /dev/null 2>&1   # the first keyless run records ./provenant's keyless class-data archive
# wall and CPU in ms; CPU shows what a run costs when the machine is shared. With perf, CPU is the
# task-clock of the whole process tree (all threads); without it, user + sys from the shell's time.
if perf stat -e task-clock true > /dev/null 2>&1; then
  measure() {
    local out
    out=$(perf stat -e task-clock "$@" 2>&1 > /dev/null) || true
    awk '/task-clock/ {gsub(",", "", $1); cpu = $1} /seconds time elapsed/ {wall = $1 * 1000}
         END {printf "%d %d\n", wall, cpu}' <<< "$out"
  }
else
  measure() {
    local TIMEFORMAT='%R %U %S' out
    out=$( { time "$@" > /dev/null 2>&1; } 2>&1 )
    awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' <<< "$out"
  }
fi
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall=(); cpu=()
for ((i = 0; i < runs; i++)); do
  read -r w c < <(measure "${sign[@]}" "bundle-$i.json")
  wall+=("$w"); cpu+=("$c")
  [[ -s "bundle-$i.json" ]] || { echo "run $i wrote no bundle" >&2; exit 1; }
done
echo "provenant sign --keyless (1 MiB artifact, embedded stack): median $(printf '%s\n' "${wall[@]}" | median) ms wall  (runs: ${wall[*]})"
echo "  CPU (task-clock, or user+sys without perf): median $(printf '%s\n' "${cpu[@]}" | median) ms  (runs: ${cpu[*]}); load average $(cut -d' ' -f1-3 /proc/loadavg)"

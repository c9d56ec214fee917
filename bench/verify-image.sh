#!/usr/bin/env bash
# Time to verify an image's signature against a local registry, and how it grows with the number of
# referrers. Debian's docker-registry on a loopback port (throwaway config and storage, log level info:
# every request is logged with its server-side duration); for each N in COUNTS one image pushed with
# skopeo and signed N times by `provenant sign-image --key` (N bundle referrers in its fallback tag),
# then `provenant verify-image --key` timed RUNS times. N = 0 (no referrer) is the baseline: JVM start-up
# plus the lookups every run makes. Per run it reports
#   cpu       user + system CPU time of that process tree (what the run costs on a shared machine)
#   wall      the whole `provenant verify-image` process, as a pipeline step sees it
#   requests  the registry requests the run made (counted in the registry's log)
#   server    the sum of their server-side durations (the registry's log)
#   replay    the same requests replayed by one curl process on one kept-alive connection: the registry
#             round trips as an independent client sees them, including curl's own start (~5-10 ms)
#   rest      wall - replay: JVM start-up, parsing, and verifying the bundles
# Medians of RUNS runs. Results feed docs/PERFORMANCE.md.
#   bench/verify-image.sh [RUNS] [COUNTS]       (defaults: 5 runs, "0 1 10 50")
# Build first (mvn -q -B package -DskipTests -pl cli -am). Needs docker-registry, skopeo and curl.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
counts="${2:-0 1 10 50}"
provenant="$here/provenant"
registry_bin=/usr/bin/docker-registry
for tool in "$registry_bin" skopeo curl; do
  command -v "$tool" > /dev/null || { echo "bench/verify-image.sh: '$tool' is not installed" >&2; exit 2; }
done
work="$(mktemp -d "${TMPDIR:-/tmp}/provenant-image-bench.XXXXXX")"
registry_pid=""
cleanup() {
  if [[ -n "$registry_pid" ]]; then kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
export PROVENANT_PASSWORD=""

source "$here/examples/lib/registry.sh"
start_registry "$registry_bin" "$work" bench-only info
port="$registry_port"

# image N: an OCI layout holding one small image unique to N, pushed as bench/app-N:1.0; prints its digest
image() {
  local dir="layout-$1"
  oci_layout "$dir" "layer of image $1"
  skopeo --insecure-policy copy --quiet --dest-tls-verify=false --digestfile "$dir.digest" "oci:$dir:1.0" \
    "docker://$registry/bench/app-$1:1.0" >&2
  cat "$dir.digest"
}

# the registry's log lines of requests completed after line $1
requests_since() { tail -n "+$(($1 + 1))" registry.log | grep 'msg="response completed' || true; }
# sum of http.response.duration in ms over the lines on stdin
server_ms() {
  sed -n 's/.*http\.response\.duration="\{0,1\}\([0-9.]*\)\(µs\|ms\|s\)"\{0,1\} .*/\1 \2/p' |
    awk '{v = $1; if ($2 == "µs") v /= 1000; else if ($2 == "s") v *= 1000; t += v} END {printf "%.1f\n", t}'
}
# replays the GET requests on stdin (registry log lines) with one curl process; wall in ms
replay_ms() {
  local args=() uri s e
  while read -r uri; do args+=(-o /dev/null "http://$registry$uri"); done < <(sed -n 's/.*http\.request\.method=GET .*http\.request\.uri="\{0,1\}\([^" ]*\)"\{0,1\} .*/\1/p')
  curl -s -o /dev/null "http://$registry/v2/"   # warm: the first curl of a run pays for loading its libraries
  s=$(date +%s%N)
  curl -s -H 'Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json' "${args[@]}"
  e=$(date +%s%N)
  echo $(((e - s) / 1000000))
}
TIMEFORMAT='%R %U %S'
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

"$provenant" keygen --no-password --output-prefix release > /dev/null
printf 'machine: %s cores, load average before: %s\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'docker-registry %s on %s; %d runs each, medians\n' "$("$registry_bin" --version | awk '{print $NF}')" "$registry" "$runs"
printf '%10s %9s %8s %9s %10s %10s %9s\n' referrers wall_ms cpu_ms requests server_ms replay_ms rest_ms
for n in $counts; do
  digest="$(image "$n")"
  ref="$registry/bench/app-$n@$digest"
  for ((i = 0; i < n; i++)); do "$provenant" sign-image --key release.key "$ref" > /dev/null 2>&1; done
  expected=0; [[ $n -eq 0 ]] && expected=1
  rc=0; "$provenant" verify-image --key release.pub "$ref" > /dev/null 2>&1 || rc=$?   # warm-up: records the class-data archive
  [[ $rc -eq $expected ]] || { echo "verify-image of $n referrers exited $rc, expected $expected" >&2; exit 1; }
  walls=(); cpus=(); reqs=(); servers=(); replays=(); rests=()
  for ((r = 0; r < runs; r++)); do
    mark=$(wc -l < registry.log)
    rc=0
    { time "$provenant" verify-image --key release.pub "$ref" > /dev/null 2>&1 || rc=$?; } 2> times.txt
    [[ $rc -eq $expected ]] || { echo "verify-image of $n referrers exited $rc, expected $expected" >&2; exit 1; }
    sleep 0.2   # let the registry flush its log
    lines="$(requests_since "$mark")"
    read -r wall cpu <<< "$(awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' < times.txt)"
    replay=$(replay_ms <<< "$lines")
    walls+=("$wall"); cpus+=("$cpu"); reqs+=("$(grep -c . <<< "$lines")"); servers+=("$(server_ms <<< "$lines")")
    replays+=("$replay"); rests+=("$((wall - replay))")
  done
  printf '%10d %9s %8s %9s %10s %10s %9s\n' "$n" "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${cpus[@]}" | median)" "$(printf '%s\n' "${reqs[@]}" | median)" \
    "$(printf '%s\n' "${servers[@]}" | median)" "$(printf '%s\n' "${replays[@]}" | median)" "$(printf '%s\n' "${rests[@]}" | median)"
done
printf 'load average after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Does installing the cloud KMS providers slow the CLI's start-up? Times `provenant version` with
# cli/target/lib/kms present (every provider installed) and moved aside (none), interleaved, and
# prints the median of each and their ratio. Results feed docs/PERFORMANCE.md.
#   bench/kms-startup.sh [RUNS]     (default 20 runs each)
# Build first (mvn -q -B package -DskipTests). The folder is moved back even if the script fails.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-20}"
kms="$here/cli/target/lib/kms"
aside="$here/cli/target/lib-kms-aside"
[[ -d "$kms" ]] || { echo "no $kms: build first" >&2; exit 2; }
trap '[[ -d "$aside" ]] && mv "$aside" "$kms"' EXIT

"$here/provenant" version > /dev/null  # make sure the class-data archive exists before timing

seconds() { local s e; s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

with=(); without=()
for ((i = 0; i < runs; i++)); do
  with+=("$(seconds "$here/provenant" version)")
  mv "$kms" "$aside"
  without+=("$(seconds "$here/provenant" version)")
  mv "$aside" "$kms"
done
wm=$(printf '%s\n' "${with[@]}" | median)
nm=$(printf '%s\n' "${without[@]}" | median)
printf 'providers installed: %s (%s)\n' "$(ls "$kms" | tr '\n' ' ')" "$(du -sh "$kms" | cut -f1)"
printf 'provenant version, median of %d: with providers %.3f s, without %.3f s, ratio %.3f\n' \
  "$runs" "$wm" "$nm" "$(echo "$wm / $nm" | bc -l)"

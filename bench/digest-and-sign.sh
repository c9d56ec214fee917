#!/usr/bin/env bash
# Measures `provenant digest` against `openssl dgst -sha256` on the same file in the same run, and
# signs that file under a 64 MiB (and a 16 MiB) heap cap. Results feed docs/PERFORMANCE.md.
#   bench/digest-and-sign.sh [SIZE_MIB] [RUNS]     (defaults: 1024 MiB, 7 runs)
# Build first (mvn -q -B package -DskipTests). The file is kept in the page cache for both tools,
# so the comparison is of hashing and start-up, not of the disk.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size_mib="${1:-1024}"
runs="${2:-7}"
work="$(mktemp -d "${TMPDIR:-/tmp}/provenant-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
file="$work/artifact.bin"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$file"
sync  # let writeback of the new file finish first; it would compete with both tools
cat "$file" > /dev/null  # warm the page cache

"$here/provenant" digest "$work/artifact.bin" > /dev/null  # the first run records the class-data archive of digest

seconds() { local s e; s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

o=(); p=()
for ((i = 0; i < runs; i++)); do
  o+=("$(seconds openssl dgst -sha256 "$file")")
  p+=("$(seconds "$here/provenant" digest "$file")")
done
om=$(printf '%s\n' "${o[@]}" | median)
pm=$(printf '%s\n' "${p[@]}" | median)
[[ "$(openssl dgst -sha256 -r "$file" | cut -d' ' -f1)" == "$("$here/provenant" digest "$file" | cut -d' ' -f1)" ]] \
  || { echo "digests differ" >&2; exit 1; }
printf 'digest %d MiB, median of %d runs\n' "$size_mib" "$runs"
printf '  openssl dgst -sha256   %.3f s   %.0f MiB/s\n' "$om" "$(echo "$size_mib / $om" | bc -l)"
printf '  provenant digest       %.3f s   %.0f MiB/s\n' "$pm" "$(echo "$size_mib / $pm" | bc -l)"
printf '  throughput ratio provenant/openssl: %.2fx\n' "$(echo "$om / $pm" | bc -l)"

"$here/provenant" keygen --no-password --output-prefix "$work/k" > /dev/null
for heap in 64m 16m; do
  start=$(date +%s.%N)
  PROVENANT_JAVA_OPTS="-Xmx$heap" "$here/provenant" sign --key "$work/k.key" --bundle "$work/b.json" "$file" > /dev/null
  end=$(date +%s.%N)
  "$here/provenant" verify --key "$work/k.pub" --bundle "$work/b.json" "$file" > /dev/null
  printf 'sign %d MiB with -Xmx%s: ok in %.3f s, bundle verifies\n' "$size_mib" "$heap" "$(echo "$end - $start" | bc -l)"
done

#!/usr/bin/env bash
# Time `provenant provenance` for 10,000 subjects, from files and from a sha256sum list.
# Build first: mvn -q -B package -DskipTests
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/provenant-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/dist"
for i in $(seq 1 10000); do printf 'artifact %d\n' "$i" > "$work/dist/a$i.bin"; done
cd "$work"
"$here/provenant" version > /dev/null  # first runs record each subcommand's class-data archive
ms() { local s e; s=$(date +%s%N); "$@" > /dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
"$here/provenant" digest dist/* > SHA256SUMS
"$here/provenant" provenance --subjects-from SHA256SUMS > /dev/null
for i in 1 2 3; do
  printf 'files: %s ms   sha256sum list: %s ms   version (JVM start-up): %s ms\n' \
    "$(ms "$here/provenant" provenance 'dist/*.bin')" \
    "$(ms "$here/provenant" provenance --subjects-from SHA256SUMS)" \
    "$(ms "$here/provenant" version)"
done

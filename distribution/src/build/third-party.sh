#!/usr/bin/env bash
# Writes the distribution's THIRD-PARTY.txt from the per-module lists that the license-maven-plugin
# renders (distribution/src/license/third-party.ftl): one section per folder of the archive.
#
# Provenant's own modules are left out (LICENSE covers them), and so are, for a section given an
# EXCLUDE regex, the libraries that folder takes from lib/provenant.jar instead of holding a copy.
#
# Usage: third-party.sh OUTPUT VERSION FOLDER=LIST[=EXCLUDE]...
set -euo pipefail
out="$1" version="$2"
shift 2
{
  echo "Provenant $version: third-party software in this distribution"
  echo
  echo "Provenant itself (bin/provenant, lib/provenant.jar, lib/kms/*/provenant-kms-*.jar) is licensed under"
  echo "the Apache License 2.0: see LICENSE. Below, for each folder, every third-party library it ships:"
  echo "GROUP:ARTIFACT:VERSION, the licenses its POM declares, its name and home page. A library's jar is"
  echo "named ARTIFACT-VERSION.jar (with a classifier for a platform-specific build); the libraries of lib/"
  echo "that have no jar of their own there are held inside lib/provenant.jar."
  for section in "$@"; do
    folder="${section%%=*}" list="${section#*=}" exclude='^dev\.provenant:'
    if [[ "$list" == *=* ]]; then
      exclude="$exclude|${list#*=}" list="${list%%=*}"
    fi
    [[ -s "$list" ]] || { echo "third-party.sh: no list $list for $folder" >&2; exit 2; }
    echo
    echo "$folder"
    sed 's/^[[:space:]]*//' "$list" | grep -v '^$' | { grep -Ev "$exclude" || true; } | sed 's/^/  /'
  done
} > "$out.tmp"
mv "$out.tmp" "$out"

#!/usr/bin/env bash
# Installs a Provenant distribution as a user would and runs the README's Quickstart with it:
# unpacked into a read-only folder, reached through a chain of symlinks on PATH, from an empty working
# folder, as an unprivileged user when run as root. Every command's exit code is checked, and so is
# that stdout and stderr carry only what the command is meant to print (no JVM or class-data warning),
# that nothing is written inside the installation, and that `java -jar lib/provenant.jar` works too.
# Then that the archive holds LICENSE, a THIRD-PARTY.txt naming every jar it ships, and man pages that
# render.
#
# Usage: check-distribution.sh provenant-VERSION.tar.gz
set -euo pipefail
tarball="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[[ -f "$tarball" ]] || { echo "check-distribution: no $1 (build it with mvn -B package)" >&2; exit 2; }

# The user's environment is cleared for each run below: name the java to use explicitly.
JAVA="${JAVA:-$(command -v java)}"
[[ -x "$JAVA" ]] || { echo "check-distribution: no java on PATH (set JAVA)" >&2; exit 2; }
work="$(mktemp -d)"
cleanup() { chmod -R u+w "$work" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/opt" "$work/path" "$work/home" "$work/run"
tar -xzf "$tarball" -C "$work/opt"
install="$(echo "$work"/opt/provenant-*)"
chmod -R a-w,a+rX "$install"
chmod a+rx "$work" "$work/opt" "$work/path"
ln -s "$install/bin/provenant" "$work/path/provenant-link"
ln -s "$work/path/provenant-link" "$work/path/provenant"
before="$(cd "$install" && find . -printf '%p %s %T@\n' | sort)"

as_user=()
if [[ $(id -u) -eq 0 ]] && command -v setpriv >/dev/null; then
  chown 65534:65534 "$work/home" "$work/run"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
failures=0
fail() { echo "check-distribution: FAIL: $*" >&2; failures=$((failures + 1)); }

# run EXPECTED_EXIT STDERR_RULE COMMAND...: STDERR_RULE is "empty" or a text stderr must contain
run() {
  local expected="$1" rule="$2"; shift 2
  local status=0
  (cd "$work/run" && "${as_user[@]}" env -i PATH="$work/path:/usr/local/bin:/usr/bin:/bin" HOME="$work/home" \
      PROVENANT_PASSWORD=correct-horse LANG=C.UTF-8 ${JAVA:+JAVA="$JAVA"} "$@" >"$work/out" 2>"$work/err") || status=$?
  if [[ $status -ne $expected ]]; then
    fail "'$*' exited with $status, expected $expected; stderr: $(head -c 400 "$work/err")"
  elif [[ "$rule" == empty && -s "$work/err" ]]; then
    fail "'$*' printed on stderr: $(head -c 400 "$work/err")"
  elif [[ "$rule" != empty && "$rule" != any ]] && ! grep -qF -- "$rule" "$work/err"; then
    fail "'$*' did not say '$rule' on stderr: $(head -c 400 "$work/err")"
  fi
  if grep -q $'\e' "$work/out" "$work/err"; then
    fail "'$*' printed an escape sequence"
  fi
}
expect_out() { grep -qF -- "$1" "$work/out" || fail "expected '$1' on stdout, got: $(head -c 400 "$work/out")"; }

printf 'the artifact\n' > "$work/run/app.jar"
[[ ${#as_user[@]} -gt 0 ]] && chown 65534:65534 "$work/run/app.jar"

for pass in first second; do # the second pass maps the class-data archives the first one recorded
  run 0 empty provenant --version;                                         expect_out "provenant "
  rm -f "$work/run/release.key" "$work/run/release.pub"
  run 0 empty provenant keygen --output-prefix release;                    expect_out "release.key"
  [[ "$(stat -c %a "$work/run/release.key")" == 600 ]] || fail "release.key is not 0600"
  run 0 empty provenant sign --key release.key app.jar;                   expect_out "app.jar.sigstore.json"
  run 0 any provenant provenance --key release.key --output app.provenance.sigstore.json app.jar
  run 0 empty provenant verify --key release.pub app.jar;                 expect_out "Verified OK"
  run 0 empty provenant verify-attestation --key release.pub --bundle app.provenance.sigstore.json \
    --type https://slsa.dev/provenance/v1 app.jar;                                  expect_out "Verified OK"
  run 0 empty provenant digest app.jar;                                           expect_out "app.jar"
  run 2 "no such file" provenant verify --key release.pub --bundle missing.sigstore.json app.jar
  run 1 "bundle is empty" provenant verify --key release.pub --bundle /dev/null app.jar
  run 2 "Did you mean" provenant verfy --key release.pub app.jar
done
printf 'tampered\n' >> "$work/run/app.jar"
run 1 "verification failed" provenant verify --key release.pub app.jar
run 0 empty "$JAVA" -jar "$install/lib/provenant.jar" version;                 expect_out "provenant "
# the JIT: C1 only for small operands, C2 (for the SHA-256 intrinsic) once an operand is 64 MiB or more;
# seen through a java that records its arguments
head -c $((65 * 1024 * 1024)) /dev/zero > "$work/run/large.bin"
[[ ${#as_user[@]} -gt 0 ]] && chown 65534:65534 "$work/run/large.bin"
printf '#!/bin/sh\nprintf "%%s\\n" "$*" >> %s/run/java-args\nexec %s "$@"\n' "$work" "$JAVA" > "$work/java-recording"
chmod 755 "$work/java-recording"
real_java="$JAVA"
JAVA="$work/java-recording"
run 0 empty provenant digest large.bin;                                       expect_out "large.bin"
tail -1 "$work/run/java-args" | grep -q -- '-XX:TieredStopAtLevel=1' && fail "a 65 MiB operand still ran with C1 only"
run 0 empty provenant digest app.jar;                                         expect_out "app.jar"
tail -1 "$work/run/java-args" | grep -q -- '-XX:TieredStopAtLevel=1' || fail "a small operand ran with C2"
JAVA="$real_java"
# no writable cache at all (HOME unset): start-up is slower, nothing else changes
(cd "$work/run" && "${as_user[@]}" env -i PATH="$work/path:/usr/bin:/bin" ${JAVA:+JAVA="$JAVA"} provenant --version \
  >"$work/out" 2>"$work/err") || fail "without a cache folder, --version failed"
[[ -s "$work/err" ]] && fail "without a cache folder, stderr: $(head -c 400 "$work/err")"
ls "$work/home/.cache/provenant/cds/"*/verify.jsa >/dev/null 2>&1 || fail "no class-data archive was recorded in the user's cache"
# a first run killed with SIGKILL while its JVM runs (blocked reading a FIFO) leaves no JVM behind,
# and the next first run removes what it had begun to write
rm -rf "$work/home/.cache"
mkfifo "$work/run/pipe"
[[ ${#as_user[@]} -gt 0 ]] && chown 65534:65534 "$work/run/pipe"
(cd "$work/run" && exec "${as_user[@]}" env -i PATH="$work/path:/usr/bin:/bin" HOME="$work/home" JAVA="$JAVA" \
  provenant digest pipe >/dev/null 2>&1) &
killed=$!  # the launcher itself: the subshell exec'd it
for ((i = 0; i < 200; i++)); do pgrep -P "$killed" >/dev/null && break; sleep 0.05; done
kill -KILL "$killed" 2>/dev/null || fail "the first run to kill had ended before its JVM was seen"
wait "$killed" 2>/dev/null || true
sleep 0.5
if pgrep -f -- "$install/lib/provenant.jar" >/dev/null; then
  fail "a first run killed with SIGKILL left a JVM running"
  echo > "$work/run/pipe"  # lets it finish
fi
rm -f "$work/run/pipe"
run 1 "verification failed" provenant verify --key release.pub app.jar
ls "$work/home/.cache/provenant/cds/"*/*.tmp >/dev/null 2>&1 && fail "a killed first run's files were not removed by the next one"
# On JDK 25 and later (AOT_JAVA names one) the cache is an AOT cache: two runs, the first one recording it.
if [[ -n "${AOT_JAVA:-}" && -x "$AOT_JAVA" ]]; then
  JAVA="$AOT_JAVA"
  for pass in first second; do
    run 1 "verification failed" provenant verify --key release.pub app.jar
    run 0 empty provenant digest large.bin;                                     expect_out "large.bin"
  done
  ls "$work/home/.cache/provenant/cds/"*/digest.aot >/dev/null 2>&1 || fail "no AOT cache was recorded with $AOT_JAVA"
  ls "$work/home/.cache/provenant/cds/"*/*.tmp >/dev/null 2>&1 && fail "AOT recording left temporary files"
  JAVA="$real_java"
else
  echo "check-distribution: AOT_JAVA (a JDK 25 or later java) is not set; the AOT cache path is not checked"
fi

# LICENSE, and THIRD-PARTY.txt naming every third-party jar of lib/ and lib/kms/SCHEME/ in its folder's section
grep -q "Apache License" "$install/LICENSE" 2>/dev/null && grep -q "Version 2.0, January 2004" "$install/LICENSE" \
  || fail "no Apache License 2.0 text in LICENSE"
if [[ -f "$install/THIRD-PARTY.txt" ]]; then
  while IFS= read -r jar; do
    folder="$(dirname "$jar")/" name="$(basename "$jar")"
    [[ "$name" == provenant*.jar ]] && continue # Provenant's own: LICENSE
    # the folder's section: from its heading line to the next blank line; each entry GROUP:ARTIFACT:VERSION
    if ! awk -v folder="$folder" -v name="$name" '
        $0 == folder { inside = 1; next }
        inside && /^$/ { inside = 0 }
        inside { split($1, c, ":"); stem = c[2] "-" c[3]
                 if (name == stem ".jar" || index(name, stem "-") == 1) found = 1 }
        END { exit found ? 0 : 1 }' "$install/THIRD-PARTY.txt"; then
      fail "THIRD-PARTY.txt does not list $jar"
    fi
  done < <(cd "$install" && find lib -name '*.jar' | sort)
else
  fail "no THIRD-PARTY.txt"
fi
# man pages: provenant(1) and one per subcommand, each rendered by man (or groff) without a warning
run 0 empty provenant --help
commands="$(sed -n '/^Commands:/,/^$/p' "$work/out" | awk 'NR > 1 && /^  [a-z]/ { print $1 }')"
[[ -n "$commands" ]] || fail "no command list in provenant --help"
for page in provenant $(printf 'provenant-%s\n' $commands); do
  [[ -f "$install/man/man1/$page.1" ]] || fail "no man page man/man1/$page.1"
done
if command -v man >/dev/null; then
  render=(man -l) # MANROFFOPT=-ww: groff's warnings on
elif command -v groff >/dev/null; then
  render=(groff -man -Tutf8 -ww)
else
  render=()
  echo "check-distribution: neither man nor groff is installed: the man pages were not rendered"
fi
if [[ ${#render[@]} -gt 0 ]]; then
  for page in "$install"/man/man1/*.1; do
    MANROFFOPT=-ww MANWIDTH=80 "${render[@]}" "$page" >"$work/out" 2>"$work/err" || fail "$(basename "$page") does not render"
    [[ -s "$work/err" ]] && fail "$(basename "$page") renders with warnings: $(head -c 400 "$work/err")"
    grep -q "^NAME" "$work/out" || fail "$(basename "$page") has no NAME section"
  done
fi

after="$(cd "$install" && find . -printf '%p %s %T@\n' | sort)"
[[ "$before" == "$after" ]] || fail "the installation changed: $(diff <(echo "$before") <(echo "$after") | head -5)"
if [[ $failures -gt 0 ]]; then
  echo "check-distribution: $failures check(s) failed" >&2
  exit 1
fi
echo "check-distribution: $(basename "$tarball") installs read-only and runs the Quickstart through a symlink$([[ ${#as_user[@]} -gt 0 ]] && echo ' as an unprivileged user')"

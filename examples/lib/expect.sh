# Sourced by the self-checking demos in examples/: each step is a provenant run that must exit with the
# code the demo expects; the failed ones are collected in "failures" for the demo's summary.
# Needs "provenant" set to the launcher.
failures=()
say() { printf '\n==> %s\n' "$*"; }

# expect CODE TITLE ARGS...: a provenant run that must exit CODE.
expect() {
  local code="$1" title="$2"; shift 2
  say "$title"
  printf '$ provenant %s\n' "$*"
  local rc=0
  "$provenant" "$@" 2>&1 || rc=$?
  if [[ $rc -eq $code ]]; then
    printf -- '-> exit %d as expected\n' "$rc"
  else
    printf '!! expected exit %d, got %d\n' "$code" "$rc"
    failures+=("$title (exit $rc, expected $code)")
  fi
}

#!/usr/bin/env bash
# The four-stage promotion on the evidence store: every stage runs as on a fresh CI runner (a new
# temporary folder holding a checkout of the policy, the stage's own secret key and the artifact;
# nothing else is handed from stage to stage), finds its evidence in the store by the artifact's
# digest, and records its decision in the store's signed decision log:
#   1 build       build the artifact, sign its SLSA provenance, push it; the build gate promotes
#   2 test        run the tests, attest the results, push them; the test gate promotes
#   3 staging     the staging gate promotes on the test gate's VSA from the store
#   4 production  the production gate promotes on the staging gate's VSA from the store
# Then an auditor verifies the log, and someone with full access to the store (but no gate key) edits a
# decision, deletes one and replays a checkpoint out of order: provenant audit verify catches each
# (exit 1, naming what changed); undone, the log verifies again.
#
#   examples/evidence-store/demo.sh                 # a folder store in a temporary folder
#   examples/evidence-store/demo.sh postgresql://gate@127.0.0.1:5432/evidence
#       a PostgreSQL store (an empty database: the first run creates the tables). The password comes from
#       PROVENANT_STORE_PASSWORD_FILE, PGPASSWORD or PGPASSFILE, as for every Provenant command; the
#       tampering steps use psql with the same settings.
#
# Self-checking: exits 0 only if every step gave the exit code expected. Needs bash, coreutils, python3
# (to edit the folder store's JSON files; psql for PostgreSQL) and a built Provenant
# (mvn -q -B package -DskipTests). Set PROVENANT to use another launcher than the checkout's ./provenant.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
provenant="${PROVENANT:-$here/../../provenant}"
work="$(mktemp -d "${TMPDIR:-/tmp}/provenant-store-demo.XXXXXX")"
trap 'rm -rf "$work"' EXIT
store="${1:-$work/store}"
case "$store" in
  postgresql://*|postgres://*|jdbc:postgresql:*) backend=postgresql ;;
  *) backend=folder ;;
esac
# Keys without passphrases, throwaway; the provenance describes a local build whatever CI this runs in.
unset GITHUB_ACTIONS GITLAB_CI JENKINS_URL BUILDKITE CIRCLECI TF_BUILD TEKTON_TASK_RUN
export PROVENANT_PASSWORD=""

source "$here/../lib/expect.sh"

# runner NAME KEY...: a fresh runner folder with a checkout of the policy and its public keys, the named
# secret keys from the CI secret store, and the artifact when one was built; cd into it.
runner() {
  local name="$1"; shift
  local dir
  dir="$(mktemp -d "$work/runner-$name.XXXXXX")"
  cp -r "$work/checkout/." "$dir/"
  for key in "$@"; do cp "$work/ci-secrets/$key.key" "$dir/"; done
  if [[ -f "$work/registry/app-1.0.jar" ]]; then cp "$work/registry/app-1.0.jar" "$dir/"; fi
  cd "$dir"
  say "stage on a fresh runner: $name ($(LC_ALL=C ls | tr '\n' ' '))"
}

# leaf STAGE: the leaf index the stage's decision was recorded as
declare -A leaf
record_leaf() {
  local stage="$1" out="$2" n
  n="$(sed -n 's/.*decision recorded as leaf \([0-9][0-9]*\) .*/\1/p' <<< "$out" | head -n1)"
  if [[ -z "$n" ]]; then failures+=("$stage: no leaf recorded"); n=-1; fi
  leaf[$stage]="$n"
}

# promote STAGE GATEKEY: the gate, its evidence from the store by the artifact's digest.
promote() {
  local stage="$1" key="$2" out rc=0
  say "promote to $stage: evidence from the store, decision to the log"
  printf '$ provenant promote --policy policy.yaml --stage %s --store %s --vsa-key %s.key app-1.0.jar\n' "$stage" "$store" "$key"
  out="$("$provenant" promote --policy policy.yaml --stage "$stage" --store "$store" --vsa-key "$key.key" app-1.0.jar 2>&1)" || rc=$?
  printf '%s\n' "$out"
  if [[ $rc -ne 0 ]]; then failures+=("promote to $stage (exit $rc)"); fi
  record_leaf "$stage" "$out"
}

say "set-up: the CI secret store (one key per signer and per gate) and the repository checkout (policy, public keys)"
mkdir -p "$work/ci-secrets" "$work/checkout/keys" "$work/registry"
for name in builder tester build-gate test-gate staging-gate production-gate; do
  "$provenant" keygen --no-password --output-prefix "$work/ci-secrets/$name" > /dev/null
  mv "$work/ci-secrets/$name.pub" "$work/checkout/keys/"
done
cp "$here/policy.yaml" "$work/checkout/policy.yaml"
echo "store: $store ($backend)"

# 1. build
runner build builder build-gate
printf 'acme app 1.0\n' > app-1.0.jar
head -c 16384 /dev/urandom >> app-1.0.jar
cp app-1.0.jar "$work/registry/"   # the one thing later stages get: the artifact, from the artifact registry
digest="sha256:$(sha256sum app-1.0.jar | cut -d' ' -f1)"
echo "artifact $digest"
expect 0 "build: sign SLSA provenance and push it to the store" \
  provenance --key builder.key --store "$store" --output app-1.0.provenance.sigstore.json app-1.0.jar
promote build build-gate

# 2. test
runner test tester test-gate
cat > test-result.json <<'JSON'
{"result": "PASSED", "configuration": [{"name": "unit tests"}],
 "passedTests": ["AppTest.startsUp", "AppTest.servesHealth"], "warnedTests": [], "failedTests": []}
JSON
expect 0 "test: attest the test results and push them to the store" \
  attest --key tester.key --type https://in-toto.io/attestation/test-result/v0.1 --predicate test-result.json \
  --store "$store" --bundle app-1.0.tests.sigstore.json app-1.0.jar
promote test test-gate

# 3. staging
runner staging staging-gate
promote staging staging-gate

# 4. production
runner production production-gate
promote production production-gate

# The auditor: only the policy (for the gate keys) and the store.
runner auditor
expect 0 "audit: the decisions about the artifact" audit show --store "$store" --subject "$digest"
expect 0 "audit: every decision included, the log consistent, every checkpoint signed by a gate key" \
  audit verify --store "$store" --policy policy.yaml
say "audit: the current checkpoint, published outside the store"
"$provenant" audit checkpoint --store "$store" > published.checkpoint || failures+=("audit checkpoint")
cat published.checkpoint

# Tampering, by someone with full access to the store but no gate key; each undone after it was caught.
test_leaf="${leaf[test]}"; staging_leaf="${leaf[staging]}"; production_leaf="${leaf[production]}"
pg_url="${store#jdbc:}"
if [[ $backend == postgresql && -n "${PROVENANT_STORE_PASSWORD_FILE:-}" && -z "${PGPASSWORD:-}" ]]; then
  PGPASSWORD="$(cat "$PROVENANT_STORE_PASSWORD_FILE")"; export PGPASSWORD
fi
sql() { psql -q -v ON_ERROR_STOP=1 -X "$pg_url" -c "$1"; }
entry() { printf '%s/log/%020d.json' "$store" "$1"; }

# edit_leaf FROM TO: rewrite the test decision's stage
edit_leaf() {
  if [[ $backend == folder ]]; then
    python3 - "$(entry "$test_leaf")" "$1" "$2" <<'PY'
import base64, json, sys
path, old, new = sys.argv[1:]
entry = json.load(open(path))
leaf = base64.b64decode(entry["leaf"]).decode()
assert old in leaf, f"{old} not in the leaf"
entry["leaf"] = base64.b64encode(leaf.replace(old, new).encode()).decode()
json.dump(entry, open(path, "w"))
PY
  else
    sql "UPDATE decision_leaf SET content = convert_to(replace(convert_from(content, 'UTF8'), '$1', '$2'), 'UTF8')
         WHERE leaf_index = $test_leaf"
  fi
}
delete_leaf() {
  if [[ $backend == folder ]]; then
    mv "$(entry "$staging_leaf")" "$work/deleted-leaf.json"
  else
    sql "CREATE TABLE demo_deleted_leaf AS SELECT * FROM decision_leaf WHERE leaf_index = $staging_leaf;
         CREATE TABLE demo_deleted_subject AS SELECT * FROM decision_subject WHERE leaf_index = $staging_leaf;
         DELETE FROM decision_leaf WHERE leaf_index = $staging_leaf"
  fi
}
restore_leaf() {
  if [[ $backend == folder ]]; then
    mv "$work/deleted-leaf.json" "$(entry "$staging_leaf")"
  else
    sql "INSERT INTO decision_leaf SELECT * FROM demo_deleted_leaf; INSERT INTO decision_subject SELECT * FROM demo_deleted_subject;
         DROP TABLE demo_deleted_leaf; DROP TABLE demo_deleted_subject"
  fi
}
# swap_checkpoints: the checkpoints of the staging and production appends change places, so the newer is
# replayed before the older one
swap_checkpoints() {
  if [[ $backend == folder ]]; then
    python3 - "$(entry "$staging_leaf")" "$(entry "$production_leaf")" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
for field in ("checkpoint", "treeSize"):
    a[field], b[field] = b[field], a[field]
for p, e in zip(sys.argv[1:], (a, b)):
    json.dump(e, open(p, "w"))
PY
  else
    sql "DO \$\$ DECLARE p2 bigint; p3 bigint; BEGIN
           SELECT position INTO p2 FROM decision_checkpoint WHERE tree_size = $staging_leaf + 1;
           SELECT position INTO p3 FROM decision_checkpoint WHERE tree_size = $production_leaf + 1;
           UPDATE decision_checkpoint SET position = -1 WHERE position = p2;
           UPDATE decision_checkpoint SET position = p2 WHERE position = p3;
           UPDATE decision_checkpoint SET position = p3 WHERE position = -1;
         END \$\$"
  fi
}

say "TAMPER: the test decision (leaf $test_leaf) is edited to say it was a production decision"
edit_leaf '"stage":"test"' '"stage":"production"'
expect 1 "audit verify catches the edited decision" audit verify --store "$store" --policy policy.yaml
edit_leaf '"stage":"production"' '"stage":"test"'
expect 0 "undone: the log verifies again" audit verify --store "$store" --policy policy.yaml

say "TAMPER: the staging decision (leaf $staging_leaf) is deleted"
delete_leaf
expect 1 "audit verify catches the deleted decision" audit verify --store "$store" --policy policy.yaml
restore_leaf
expect 0 "undone: the log verifies again" audit verify --store "$store" --policy policy.yaml

say "TAMPER: the checkpoint of tree size $((production_leaf + 1)) is replayed before the one of size $((staging_leaf + 1))"
swap_checkpoints
expect 1 "audit verify catches the checkpoint replayed out of order" audit verify --store "$store" --policy policy.yaml
swap_checkpoints
expect 0 "undone: the log verifies again, and is consistent with the published checkpoint" \
  audit verify --store "$store" --policy policy.yaml --since published.checkpoint

if [[ ${#failures[@]} -gt 0 ]]; then
  printf '\nevidence-store demo: FAILED: %s\n' "${failures[@]}" >&2
  exit 1
fi
printf '\nEvidence-store demo complete: four stages on fresh runners, every decision in the log, every tampering caught.\n'

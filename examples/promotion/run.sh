#!/usr/bin/env bash
# A four-stage promotion, end to end, on throwaway local keys: build with signed SLSA provenance ->
# test stage with a signed test-result attestation -> staging gate -> production gate, each gate
# writing a signed VSA that the next one requires (policy.yaml beside this script). Then the same
# gates refuse the artifact when one piece of evidence is removed or altered, each naming its rule.
#
# Self-checking: exits 0 only if every step expected to pass passed and every promotion expected to
# be refused was refused (exit 1) by the rule expected, writing no VSA.
# Needs bash, coreutils and a built Provenant (mvn -q -B package -DskipTests); nothing else, no network.
# Keys are written unencrypted into a temporary folder, or encrypted with PROVENANT_PASSWORD when set.
# Set PROVENANT to use another launcher than the checkout's ./provenant.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
provenant="${PROVENANT:-$here/../../provenant}"
work="$(mktemp -d "${TMPDIR:-/tmp}/provenant-promotion.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"

passed=0
refused=0
unexpected=()

say() { printf '\n==> %s\n' "$*"; }
show() { printf '$ provenant %s\n' "$*"; }

# pass TITLE ARGS...: a provenant run that must exit 0.
pass() {
  local title="$1"; shift
  say "$title"; show "$@"
  local rc=0
  "$provenant" "$@" || rc=$?
  if [[ $rc -eq 0 ]]; then
    passed=$((passed + 1))
  else
    printf '!! expected success, got exit %d\n' "$rc"
    unexpected+=("$title (exit $rc)")
  fi
}

# refuse TITLE RULE ARGS...: a promotion that must be refused (exit 1) by RULE and write no VSA
# (the arguments give --vsa-output refused.vsa.json).
refuse() {
  local title="$1" rule="$2"; shift 2
  say "REFUSE: $title"; show "$@"
  local rc=0 out
  rm -f refused.vsa.json
  out="$("$provenant" "$@" 2>&1)" || rc=$?
  printf '%s\n' "$out"
  if [[ $rc -ne 1 ]]; then
    printf '!! expected a refusal (exit 1), got exit %d\n' "$rc"
    unexpected+=("$title (exit $rc)")
  elif ! grep -q "^  FAIL $rule: " <<< "$out"; then
    printf '!! refused, but not by rule %s\n' "$rule"
    unexpected+=("$title (not refused by $rule)")
  elif [[ -e refused.vsa.json ]]; then
    printf '!! refused, but a VSA was written\n'
    unexpected+=("$title (a VSA was written)")
  else
    printf -- '-> refused as expected by rule %s; no VSA written\n' "$rule"
    refused=$((refused + 1))
  fi
}

say "throwaway keys: two signers of evidence, one gate key per stage, and an intruder's key"
if [[ -n "${PROVENANT_PASSWORD:-}" ]]; then protect=(); else protect=(--no-password); fi
mkdir keys
for name in builder tester build-gate test-gate staging-gate production-gate intruder; do
  "$provenant" keygen "${protect[@]}" --output-prefix "keys/$name" > /dev/null
done
ls keys
cp "$here/policy.yaml" policy.yaml
pass "lint the policy (keys are read relative to it)" policy check policy.yaml

# The "build": a small artifact, with one pinned library it was built from.
mkdir -p dist
printf 'acme app 1.4.2\n' > dist/app-1.4.2.jar
head -c 32768 /dev/urandom >> dist/app-1.4.2.jar
lib_digest="$(head -c 4096 /dev/zero | sha256sum | cut -d' ' -f1)"
app=dist/app-1.4.2.jar
source_dep="uri=git+https://git.acme.example/acme/app@refs/tags/v1.4.2,digest=gitCommit:5e1f0c2a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f,name=source"
lib_dep="uri=pkg:maven/org.example/lib@1.2,digest=sha256:$lib_digest,name=lib-1.2.jar"
# The policy expects the local builder: a CI system's variables, if this runs in one, would describe
# that system's build instead (its builder id and source).
local_builder=(env -u GITHUB_ACTIONS -u GITLAB_CI -u JENKINS_URL -u BUILDKITE -u CIRCLECI -u TF_BUILD -u TEKTON_TASK_RUN)

say "build: sign SLSA v1 provenance for the artifact with the builder's key"
show provenance --key keys/builder.key --resolved-dependency "$source_dep" --resolved-dependency "$lib_dep" \
  --output app.provenance.sigstore.json "$app"
if "${local_builder[@]}" "$provenant" provenance --key keys/builder.key --resolved-dependency "$source_dep" \
    --resolved-dependency "$lib_dep" --output app.provenance.sigstore.json "$app"; then
  passed=$((passed + 1))
else
  unexpected+=("signing the provenance")
fi

cat > test-result.json <<'JSON'
{"result": "PASSED",
 "configuration": [{"name": "unit tests", "uri": "git+https://git.acme.example/acme/app@refs/tags/v1.4.2"}],
 "passedTests": ["AppTest.startsUp", "AppTest.servesHealth", "AppTest.rejectsBadInput"],
 "warnedTests": [], "failedTests": []}
JSON
type_tests=https://in-toto.io/attestation/test-result/v0.1
pass "test: the test runner attests the test results about the artifact" \
  attest --key keys/tester.key --type "$type_tests" --predicate test-result.json --bundle app.tests.sigstore.json "$app"
# What an intruder would present: the same claims, signed by a key the policy does not trust.
"$provenant" attest --key keys/intruder.key --type "$type_tests" --predicate test-result.json \
  --bundle forged.tests.sigstore.json "$app" > /dev/null

pass "promote to build: signed provenance from the builder, expected builder, source, ref and dependencies" \
  promote --policy policy.yaml --stage build --bundle app.provenance.sigstore.json \
  --vsa-key keys/build-gate.key --vsa-output build.vsa.json "$app"
pass "promote to test: the build gate's VSA and the test results" \
  promote --policy policy.yaml --stage test --bundle build.vsa.json --bundle app.tests.sigstore.json \
  --vsa-key keys/test-gate.key --vsa-output test.vsa.json "$app"
pass "promote to staging: the test gate's VSA" \
  promote --policy policy.yaml --stage staging --bundle test.vsa.json \
  --vsa-key keys/staging-gate.key --vsa-output staging.vsa.json "$app"
pass "promote to production: the staging gate's VSA" \
  promote --policy policy.yaml --stage production --bundle staging.vsa.json \
  --vsa-key keys/production-gate.key --vsa-output production.vsa.json "$app"
pass "anyone can check a VSA with the gate's public key" \
  verify-attestation --key keys/production-gate.pub --bundle production.vsa.json \
  --type https://slsa.dev/verification_summary/v1 "$app"

# Altered evidence, made with nothing but coreutils: a changed artifact, and a staging VSA whose signed
# statement claims a higher level than its gate verified (the signature no longer matches).
mkdir -p altered
cp "$app" altered/app-1.4.2.jar
printf 'backdoor\n' >> altered/app-1.4.2.jar
payload="$(sed -n 's/.*"payload" *: *"\([^"]*\)".*/\1/p' staging.vsa.json)"
if [[ -z "$payload" ]]; then
  echo "promotion demo: FAILED: no DSSE payload found in staging.vsa.json" >&2
  exit 1
fi
forged_payload="$(base64 -d <<< "$payload" | sed 's/SLSA_BUILD_LEVEL_1/SLSA_BUILD_LEVEL_3/' | base64 -w0)"
sed "s|$payload|$forged_payload|" staging.vsa.json > tampered-staging.vsa.json
cmp -s staging.vsa.json tampered-staging.vsa.json && unexpected+=("tampering with the staging VSA changed nothing")

refuse "the provenance is removed: only the test results are presented to the build gate" provenance.signers \
  promote --policy policy.yaml --stage build --bundle app.tests.sigstore.json \
  --vsa-key keys/build-gate.key --vsa-output refused.vsa.json "$app"
refuse "the test results are signed by a key the policy does not trust" tests.signers \
  promote --policy policy.yaml --stage test --bundle build.vsa.json --bundle forged.tests.sigstore.json \
  --vsa-key keys/test-gate.key --vsa-output refused.vsa.json "$app"
refuse "the test results are removed" tests.signers \
  promote --policy policy.yaml --stage test --bundle build.vsa.json \
  --vsa-key keys/test-gate.key --vsa-output refused.vsa.json "$app"
refuse "the staging VSA is missing: staging is skipped, the test gate's VSA is presented to production" \
  previous-stage-vsa \
  promote --policy policy.yaml --stage production --bundle test.vsa.json \
  --vsa-key keys/production-gate.key --vsa-output refused.vsa.json "$app"
refuse "the artifact is altered after staging" previous-stage-vsa \
  promote --policy policy.yaml --stage production --bundle staging.vsa.json \
  --vsa-key keys/production-gate.key --vsa-output refused.vsa.json altered/app-1.4.2.jar
refuse "the staging VSA is tampered with (SLSA_BUILD_LEVEL_1 rewritten to SLSA_BUILD_LEVEL_3)" previous-stage-vsa \
  promote --policy policy.yaml --stage production --bundle tampered-staging.vsa.json \
  --vsa-key keys/production-gate.key --vsa-output refused.vsa.json "$app"

printf '\n==> summary: %d step(s) passed, %d promotion(s) refused as expected\n' "$passed" "$refused"
if [[ ${#unexpected[@]} -gt 0 ]]; then
  printf 'promotion demo: FAILED: %s\n' "${unexpected[@]}" >&2
  exit 1
fi
echo "Promotion demo complete: every gate passed with its evidence and refused without it."

#!/usr/bin/env bash
# The README's worked example of a sandboxed step: a Maven build of the sample project in app/, run
# offline in the built-in `build` profile (network off, ~/.m2/repository read-only, only target/
# writable), its jar signed, its link verified against a layout that requires the sandbox, and the jar's
# SLSA provenance made with the sandbox from that link; then the same build unsandboxed, whose link the
# layout refuses.
#   examples/sandbox/run.sh BUILDER_KEY LAYOUT LAYOUT_KEY [WORKDIR]
# BUILDER_KEY signs the link and the jar (a PEM key file, or any KEYREF); LAYOUT is a signed in-toto layout
# whose step `build` requires the sandbox (x-provenant-sandbox, see docs/SANDBOX.md), LAYOUT_KEY its
# owner's public key. Needs mvn with the sample's plugins in ~/.m2/repository, and bubblewrap.
# Exit 0 when the sandboxed build verifies and the unsandboxed one is refused.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
provenant="$here/../../provenant"
[[ $# -ge 3 ]] || { echo "usage: $0 BUILDER_KEY LAYOUT LAYOUT_KEY [WORKDIR]" >&2; exit 2; }
key="$1" layout="$2" layout_key="$3"
work="${4:-$(mktemp -d "${TMPDIR:-/tmp}/provenant-sandbox-example.XXXXXX")}"
mkdir -p "$work"
cp -r "$here/app/." "$work/"
chmod -R a+rX "$work"   # a sandbox started by root runs its step as uid 65534
cd "$work"
# A step run by root runs as uid 65534, whose password entry gives the JVM user.home=/nonexistent: Maven
# must be told where the (read-only) repository is. The build profile passes MAVEN_OPTS and HOME.
export MAVEN_OPTS="-Duser.home=$HOME${MAVEN_OPTS:+ $MAVEN_OPTS}"

echo "== build, sandboxed (profile build, offline)"
"$provenant" run -n build -k "$key" --sandbox build -m src pom.xml -p target -- mvn -B -q -o package
"$provenant" sign --key "$key" --bundle target/hello-1.0.jar.sigstore.json target/hello-1.0.jar
"$provenant" public-key --key "$key" > builder.pub
"$provenant" verify --key builder.pub --bundle target/hello-1.0.jar.sigstore.json target/hello-1.0.jar
echo "== the layout requires the sandbox: the sandboxed link passes"
"$provenant" verify-layout --layout "$layout" --layout-key "$layout_key" --link-dir .
echo "== the jar's SLSA provenance records the sandbox, from the verified link"
"$provenant" provenance --sandbox-link build.*.link --link-key builder.pub --key "$key" \
    --output target/hello-1.0.jar.provenance.sigstore.json target/hello-1.0.jar
"$provenant" verify-attestation --key builder.pub --bundle target/hello-1.0.jar.provenance.sigstore.json \
    --type https://slsa.dev/provenance/v1 --print-statement target/hello-1.0.jar > provenance.json
grep -q '"provenant.dev/sandbox"' provenance.json || { echo "the provenance does not record the sandbox" >&2; exit 1; }

echo "== the same build without --sandbox: the layout refuses its link"
rm -rf target ./*.link ./*.link.sigstore.json
"$provenant" run -n build -k "$key" -m src pom.xml -p target -- mvn -B -q -o package
set +e
"$provenant" verify-layout --layout "$layout" --layout-key "$layout_key" --link-dir .
status=$?
set -e
if [[ $status -ne 1 ]]; then
  echo "the layout did not refuse the unsandboxed build (exit $status)" >&2
  exit 1
fi
echo "== refused, as it must be (exit 1)"

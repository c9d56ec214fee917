#!/usr/bin/env bash
# The container image story on a registry of its own: Debian's docker-registry (the CNCF distribution
# registry) on a loopback port with a throwaway config and storage in a temporary folder.
#   1 two images are written as OCI image layouts and the first is pushed with skopeo as demo/app:1.0
#   2 provenant sign-image signs it by digest (a throwaway key) and publishes the bundle as a referrer
#     (the registry has no referrers API: the fallback tag sha256-HEX)
#   3 provenant verify-image verifies it, by digest and by its tag
#   4 someone re-tags demo/app:1.0 to the other image: verification refuses it by tag (no signature of
#     the image the tag now names) and by tag and digest (the tag moved); the signed digest still verifies
#   5 a wrong key refuses the signed image too
#
# Self-checking: exits 0 only if every step gave the exit code expected. Skips with one line (exit 0)
# when docker-registry or skopeo is not installed. Needs bash, coreutils and a built Provenant
# (mvn -q -B package -DskipTests -pl cli -am). Set PROVENANT to use another launcher than the checkout's
# ./provenant.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
provenant="${PROVENANT:-$here/../../provenant}"
registry_bin="${DOCKER_REGISTRY:-/usr/bin/docker-registry}"
for tool in "$registry_bin" skopeo; do
  if ! command -v "$tool" > /dev/null 2>&1; then
    echo "image demo: skipped: '$tool' is not installed (apt-get install docker-registry skopeo)"
    exit 0
  fi
done

work="$(mktemp -d "${TMPDIR:-/tmp}/provenant-image-demo.XXXXXX")"
registry_pid=""
cleanup() {
  if [[ -n "$registry_pid" ]]; then kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
export PROVENANT_PASSWORD=""

source "$here/../lib/expect.sh"
source "$here/../lib/registry.sh"

# push LAYOUT REPO:TAG: skopeo copies the layout's image to the registry; prints the digest as pushed
# (skopeo compresses the layer, so the pushed manifest is not the layout's).
push() {
  printf '$ skopeo copy oci:%s:1.0 docker://%s/%s\n' "$1" "$registry" "$2" >&2
  skopeo --insecure-policy copy --quiet --dest-tls-verify=false --digestfile "$work/pushed.digest" \
    "oci:$1:1.0" "docker://$registry/$2" >&2
  cat "$work/pushed.digest"
}

say "start docker-registry on loopback with a throwaway config (storage in the demo's temporary folder)"
start_registry "$registry_bin" "$work" demo-only error || { echo "image demo: FAILED: docker-registry did not start" >&2; exit 1; }
printf 'docker-registry %s listening on %s (no referrers API: referrers go to the fallback tag)\n' \
  "$("$registry_bin" --version 2>/dev/null | awk '{print $NF}')" "$registry"

say "write two images as OCI layouts and push the first as demo/app:1.0"
oci_layout app-1.0 "app 1.0, the release"
oci_layout app-evil "not the release"
digest="$(push app-1.0 demo/app:1.0)"
printf 'demo/app:1.0 is %s\n' "$digest"
image="$registry/demo/app"

expect 0 "make a throwaway signing key" keygen --no-password --output-prefix release
expect 0 "make another key, which did not sign" keygen --no-password --output-prefix someone-else
expect 0 "sign the image by digest: the bundle is published as a referrer (fallback tag sha256-${digest#sha256:})" \
  sign-image --key release.key "$image@$digest"
say "the referrers index skopeo reads at the fallback tag"
printf '$ skopeo inspect --raw docker://%s:sha256-%s\n' "$image" "${digest#sha256:}"
skopeo inspect --raw --tls-verify=false "docker://$image:sha256-${digest#sha256:}"
echo
expect 0 "verify the image by digest" verify-image --key release.pub "$image@$digest"
expect 0 "verify it by its tag (resolved to the digest, with a warning)" verify-image --key release.pub "$image:1.0"

say "TAMPER: someone pushes another image under the same tag demo/app:1.0"
evil="$(push app-evil demo/app:1.0)"
printf 'demo/app:1.0 is now %s\n' "$evil"
expect 1 "verify by tag refuses it: the image the tag names now has no signature" \
  verify-image --key release.pub "$image:1.0"
expect 1 "verify by tag and digest refuses it: the tag moved" verify-image --key release.pub "$image:1.0@$digest"
expect 0 "the signed digest still verifies" verify-image --key release.pub "$image@$digest"
expect 1 "a key that did not sign refuses the signed image" verify-image --key someone-else.pub "$image@$digest"

if [[ ${#failures[@]} -gt 0 ]]; then
  printf '\nimage demo: FAILED: %s\n' "${failures[@]}" >&2
  exit 1
fi
printf '\nImage demo complete: signed by digest, verified, and the re-tagged image refused.\n'

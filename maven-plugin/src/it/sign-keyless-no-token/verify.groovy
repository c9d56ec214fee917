def log = new File(basedir, 'build.log').text
assert log.contains('no OIDC identity token; tried GitHub Actions: ACTIONS_ID_TOKEN_REQUEST_URL is not set')
assert log.contains('SIGSTORE_ID_TOKEN: SIGSTORE_ID_TOKEN is not set')
assert log.contains('browser sign-in: CI is set')
assert log.contains('<identityTokenServerId>')
// nothing signed, nothing half-written
assert !new File(basedir, 'target/demo-keyless-no-token-1.0.jar.provenant-bundle.json').exists()
assert !new File(basedir, 'target/demo-keyless-no-token-1.0.pom.provenant-bundle.json').exists()
true

def target = new File(basedir, 'target')
def log = new File(basedir, 'build.log').text

// signing worked with the settings.xml passphrase, then the replaced jar failed verification by its digest
assert new File(target, 'tampered-1.0.jar.provenant-bundle.json').isFile()
assert log.contains('Signed tampered-1.0.jar')
assert log.contains('Verified tampered-1.0-sources.jar')
assert log =~ /tampered-1\.0\.jar: artifact digest: \S*tampered-1\.0\.jar has sha256:[0-9a-f]{64} but the bundle was signed over sha256:[0-9a-f]{64}/
// the provenance no longer covers it either
assert log =~ /provenance: statement subject digest: \S*tampered-1\.0\.jar \(sha256:[0-9a-f]{64}\) is not a subject of the statement/
// and the promotion policy's stage failed on the same evidence
assert log =~ /policy tampered stage build: FAIL provenance\.signers: .*is not a subject of the statement/
assert log.contains('verification failed for 3 check(s)')
// the build stopped before install
assert !new File(localRepositoryPath, 'org/example/it/tampered').exists()
true

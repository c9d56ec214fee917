def target = new File(basedir, 'target')
def log = new File(basedir, 'build.log').text

// the build failed on the store, naming it, after the bundles were written: they stay for a later store push
assert log.contains('[ERROR]')
assert log =~ /evidence store: cannot connect to the evidence store jdbc:postgresql:\/\/127\.0\.0\.1:1\/evidence/
assert log =~ /the bundles \S*unstored-1\.0\.jar\.provenant-bundle\.json, \S*unstored-1\.0\.pom\.provenant-bundle\.json, \S*unstored-1\.0\.provenance\.provenant-bundle\.json are written/
['unstored-1.0.jar.provenant-bundle.json', 'unstored-1.0.provenance.provenant-bundle.json'].each {
    assert new File(target, it).isFile() : "the written bundle is gone: $it"
}
assert !log.contains('Stored unstored-1.0')
true

def log = new File(basedir, 'build.log').text
assert log =~ /catalog refused: artifact digest: catalog .*catalog\.json: its bundle catalog\.json\.sigstore\.json does not verify: /
// refused before anything was judged by it: no signature verdicts, no catalog findings, no report
assert !log.contains('Dependency signatures:')
assert !log.contains('Catalog catalog.json verified')
assert !new File(basedir, 'target/dependency-verdicts.json').exists()
true

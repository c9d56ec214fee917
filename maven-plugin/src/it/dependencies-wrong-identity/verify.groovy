import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/dependency-verdicts.json'))
assert report.ok == false
def sigstore = report.dependencies.find { it.artifact == 'dev.sigstore:sigstore-java:jar:1.3.0' }
assert sigstore.outcome == 'unexpected-identity'
assert sigstore.detail.contains("certificate identity is 'https://github.com/sigstore/sigstore-java/.github/workflows/release-sigstore-java-from-tag.yaml@refs/tags/v1.3.0'")
assert sigstore.detail.contains('some-other-workflow.yaml@refs/tags/v1.3.0')
assert log.contains('1 dependency failed signature checks: dev.sigstore:sigstore-java:jar:1.3.0: unexpected identity')
true

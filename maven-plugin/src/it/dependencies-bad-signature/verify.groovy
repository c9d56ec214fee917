import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/dependency-verdicts.json'))
assert report.ok == false
def byArtifact = report.dependencies.collectEntries { [(it.artifact): it] }
assert byArtifact['dev.sigstore:sigstore-java:jar:1.3.0'].outcome == 'verified'
def relabelled = byArtifact['org.example.it:relabelled:jar:1.0']
assert relabelled.outcome == 'bad-signature'
assert relabelled.detail =~ /^artifact digest: .*relabelled-1\.0\.jar has sha256:[0-9a-f]{64} but the bundle was signed over sha256:[0-9a-f]{64}$/
assert log.contains('1 dependency failed signature checks: org.example.it:relabelled:jar:1.0: bad signature (artifact digest:')
true

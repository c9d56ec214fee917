import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/dependency-verdicts.json'))
assert report.ok == false
def byArtifact = report.dependencies.collectEntries { [(it.artifact): it] }
assert byArtifact.keySet() == ['com.google.code.findbugs:jsr305:jar:3.0.2', 'dev.sigstore:sigstore-java:jar:1.2.0'] as Set
byArtifact.values().each {
    // neither the unsigned-ok rule nor the one expecting a signer may pass or claim to know what is published
    assert it.outcome == 'bundle-unavailable' : it
    assert it.passes == false
    assert it.cached == false
    assert it.detail.startsWith('offline, and its bundle is not in the local repository; no verdict for this file (sha256:') : it
    assert it.detail.endsWith('run `mvn provenant:go-offline` while online (or build online once)') : it
}
assert !log.contains('is published')
assert log.contains('2 dependencies failed signature checks: com.google.code.findbugs:jsr305:jar:3.0.2: bundle unavailable (offline')
true

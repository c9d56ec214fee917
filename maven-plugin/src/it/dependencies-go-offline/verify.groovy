import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/dependency-verdicts.json'))
assert report.ok == true
def byArtifact = report.dependencies.collectEntries { [(it.artifact): it] }
def sigstore = byArtifact['dev.sigstore:sigstore-java:jar:1.3.0']
assert sigstore.outcome == 'verified'
assert sigstore.detail.contains('release-sigstore-java-from-tag.yaml@refs/tags/v1.3.0')
assert sigstore.cached == true
// offline nobody can ask whether jsr305 has a bundle: it passes only through the verdict go-offline recorded
def jsr305 = byArtifact['com.google.code.findbugs:jsr305:jar:3.0.2']
assert jsr305.outcome == 'unsigned-allowed' : jsr305
assert jsr305.cached == true
assert log.contains('com.google.code.findbugs:jsr305:jar:3.0.2: unsigned (allowed)')
// go-offline downloaded the bundle into the local repository
assert new File(localRepositoryPath, 'dev/sigstore/sigstore-java/1.3.0/sigstore-java-1.3.0.jar.sigstore.json').isFile()
assert new File(basedir, 'target/verdicts').isDirectory()
true

import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def lockFile = new File(basedir, 'provenant.lock')
assert lockFile.isFile()
def lock = new JsonSlurper().parse(lockFile)
assert lock.lockVersion == 1
def byArtifact = lock.artifacts.collectEntries { [(it.artifact): it] }
// one entry a line, sorted by coordinates
def lines = lockFile.readLines().findAll { it.startsWith('    {"artifact":') }
assert lines.size() == lock.artifacts.size()
assert lock.artifacts*.artifact == lock.artifacts*.artifact.toSorted()
// every kind the lock covers
assert byArtifact['com.google.code.findbugs:jsr305:jar:3.0.2'].roles == ['compile']
assert byArtifact['com.google.code.findbugs:jsr305:pom:3.0.2'].roles.contains('pom')
assert byArtifact['org.junit:junit-bom:pom:5.10.2'].roles.contains('bom')
assert byArtifact.find { it.key.startsWith('org.junit.jupiter:junit-jupiter-api:jar:') }.value.roles == ['test']
assert lock.artifacts.any { it.roles.contains('parent') } : 'no parent POM locked'
assert lock.artifacts.any { it.roles.contains('plugin') && it.artifact.startsWith('org.apache.maven.plugins:maven-compiler-plugin:jar:') }
assert lock.artifacts.any { it.roles.contains('plugin-dependency') }
lock.artifacts.each {
    assert it.sha256 ==~ /[0-9a-f]{64}/
    assert it.usedBy == ['org.example.it:lock-verified']
}
// the second build checked itself against it and passed, with the lock in the JSON report
def report = new JsonSlurper().parse(new File(basedir, 'target/dependency-verdicts.json'))
assert report.ok == true
assert report.lock.action == 'checked'
assert report.lock.ok == true
assert report.lock.findings == []
assert report.lock.artifacts == lock.artifacts.size()
assert report.lock.coverage.poms == true && report.lock.coverage.plugins == true && report.lock.coverage.reactor == false
assert report.lock.coverage.scopes.contains('test')
assert log =~ /Lock \S*provenant\.lock: \d+ artifact\(s\) of org\.example\.it:lock-verified checked, 0 failing, 0 stale/
true

import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/dependency-verdicts.json'))
def byArtifact = report.dependencies.collectEntries { [(it.artifact): it] }
// everything passes but this plugin's own snapshot: installed locally only, its bundle state cannot be known,
// and unsigned-ok does not pass an unknown state
def self = byArtifact.find { it.key.startsWith('dev.provenant:provenant-maven-plugin:jar:') }?.value
assert self != null && self.outcome == 'bundle-unavailable' : self
report.dependencies.findAll { it != self }.each { assert it.passes : it }
def sigstore = byArtifact['dev.sigstore:sigstore-java:jar:1.3.0']
assert sigstore.outcome == 'verified'
assert sigstore.detail.contains('release-sigstore-java-from-tag.yaml@refs/tags/v1.3.0')
// the last build found the verdict in the cache
assert sigstore.cached == true
assert byArtifact['com.google.code.findbugs:jsr305:jar:3.0.2'].outcome == 'unsigned-allowed'
// the last build also checked the build plugins' own jars: this plugin and the lifecycle's
def plugins = report.dependencies.findAll { it.artifact.startsWith('org.apache.maven.plugins:') }
assert plugins.any { it.artifact.startsWith('org.apache.maven.plugins:maven-compiler-plugin:jar:') } : report.dependencies*.artifact
plugins.each { assert it.outcome == 'unsigned-allowed' : it }
assert byArtifact.keySet().any { it.startsWith('dev.provenant:provenant-maven-plugin:jar:') }
assert log.contains('dev.sigstore:sigstore-java:jar:1.3.0: verified')
// the bundle came through the resolver into the local repository, beside the jar
assert new File(localRepositoryPath, 'dev/sigstore/sigstore-java/1.3.0/sigstore-java-1.3.0.jar.sigstore.json').isFile()
true

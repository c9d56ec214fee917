import groovy.json.JsonSlurper

def target = new File(basedir, 'target')
def log = new File(basedir, 'build.log').text
assert log.contains('Attaching bundles as FILE.provenant-bundle.json, not FILE.sigstore.json')
['demo-1.0.jar.sigstore.json', 'demo-1.0.pom.sigstore.json', 'demo-1.0.provenance.sigstore.json'].each {
    assert !new File(target, it).exists() : "a key-signed bundle under the public-good name: $it"
}

// a bundle beside every published file, and the signed provenance
['demo-1.0.jar.provenant-bundle.json', 'demo-1.0-sources.jar.provenant-bundle.json', 'demo-1.0.pom.provenant-bundle.json',
 'demo-1.0.intoto.json', 'demo-1.0.provenance.provenant-bundle.json'].each {
    assert new File(target, it).isFile() : "missing target/$it"
}
assert log.contains('Verified 3 artifact(s) and their provenance')
// the promotion policy's build stage passed over the signed provenance
assert log =~ /policy demo stage build: PASS .*provenance/
assert !log.contains('FAIL ')

// key-signed, so attached as EXT.provenant-bundle.json (never EXT.sigstore.json, which Maven Central checks
// against the public-good instance), under the same coordinates
def installed = new File(localRepositoryPath, 'org/example/it/demo/1.0')
['demo-1.0.jar.provenant-bundle.json', 'demo-1.0-sources.jar.provenant-bundle.json', 'demo-1.0.pom.provenant-bundle.json',
 'demo-1.0.provenance.provenant-bundle.json'].each {
    assert new File(installed, it).isFile() : "not installed: $it"
}
assert new File(target, 'demo-1.0.jar.provenant-bundle.json').bytes == new File(installed, 'demo-1.0.jar.provenant-bundle.json').bytes

// the statement: subjects by repository name, the dependency graph, the Maven parameters, the CI source
def statement = new JsonSlurper().parse(new File(target, 'demo-1.0.intoto.json'))
assert statement.predicateType == 'https://slsa.dev/provenance/v1'
assert statement.subject*.name == ['demo-1.0.jar', 'demo-1.0-sources.jar', 'demo-1.0.pom']
statement.subject.each { assert it.digest.sha256 ==~ /[0-9a-f]{64}/ }
def definition = statement.predicate.buildDefinition
def internal = definition.internalParameters
assert internal.maven.goals == ['install']
assert internal.maven.version.startsWith('3.')
assert internal.maven.jdk.version ==~ /17.*|2\d.*/
def deps = definition.resolvedDependencies
assert deps[0].uri.contains('github.com/example/demo') : deps[0]
assert deps[0].digest.gitCommit == '0123456789abcdef0123456789abcdef01234567'
def jsr = deps.find { it.name == 'com.google.code.findbugs:jsr305:jar:3.0.2' }
assert jsr != null : "no jsr305 in $deps"
assert jsr.uri.startsWith('pkg:maven/com.google.code.findbugs/jsr305@3.0.2?repository_url=')
def jsrJar = new File(localRepositoryPath, 'com/google/code/findbugs/jsr305/3.0.2/jsr305-3.0.2.jar')
assert jsr.digest.sha256 == java.security.MessageDigest.getInstance('SHA-256').digest(jsrJar.bytes).encodeHex().toString()
assert jsr.downloadLocation.endsWith('/com/google/code/findbugs/jsr305/3.0.2/jsr305-3.0.2.jar')
assert statement.predicate.runDetails.builder.id == 'https://github.com/example/demo/.github/workflows/release.yml@refs/tags/v1.0'

// the CLI accepts the plugin's provenance, and refuses it for another tag
def key = new File(testdata, 'keys/ec-p256.pub').path
def run = { List args ->
    def p = ([provenantCli] + args).execute(null, basedir)
    def out = new StringBuilder(), err = new StringBuilder()
    p.waitForProcessOutput(out, err)
    println "provenant ${args.join(' ')} -> ${p.exitValue()}\n$out$err"
    p.exitValue()
}
def provenance = ['verify-provenance', '--key', key, '--bundle', 'target/demo-1.0.provenance.provenant-bundle.json',
                  '--source-uri', 'github.com/example/demo',
                  '--builder-id', 'https://github.com/example/demo/.github/workflows/release.yml']
assert run(provenance + ['--source-tag', 'v1.0', 'target/demo-1.0.jar', 'target/demo-1.0-sources.jar', 'pom.xml']) == 0
assert run(provenance + ['--source-tag', 'v2.0', 'target/demo-1.0.jar']) == 1
assert run(['verify', '--key', key, '--bundle', 'target/demo-1.0.pom.provenant-bundle.json', 'pom.xml']) == 0
true

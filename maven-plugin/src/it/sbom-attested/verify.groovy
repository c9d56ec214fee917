import groovy.json.JsonSlurper
import java.security.MessageDigest

def log = new File(basedir, 'build.log').text
assert log =~ /SBOM: 2 verified component\(s\) written to .*bom\.json \(CycloneDX 1\.6; attest it with predicate type https:\/\/cyclonedx\.org\/bom\)/

// the SBOM: CycloneDX 1.6, the module, each verified component with the SHA-256 of the very file the build used
def bom = new JsonSlurper().parse(new File(basedir, 'target/bom.json'))
assert bom.bomFormat == 'CycloneDX'
assert bom.specVersion == '1.6'
assert bom.serialNumber ==~ /urn:uuid:[0-9a-f-]{36}/
assert bom.metadata.component.purl == 'pkg:maven/org.example.it/sbom-attested@1.0'
def sha256 = { String path -> MessageDigest.getInstance('SHA-256').digest(new File(localRepositoryPath, path).bytes).encodeHex().toString() }
def byPurl = bom.components.collectEntries { [(it.purl): it] }
assert byPurl.keySet() == ['pkg:maven/com.google.code.findbugs/jsr305@3.0.2', 'pkg:maven/org.slf4j/slf4j-api@2.0.13'] as Set
def jsr = byPurl['pkg:maven/com.google.code.findbugs/jsr305@3.0.2']
assert jsr.hashes == [[alg: 'SHA-256', content: sha256('com/google/code/findbugs/jsr305/3.0.2/jsr305-3.0.2.jar')]]
assert jsr.licenses*.license*.id == ['Apache-2.0']
def slf4j = byPurl['pkg:maven/org.slf4j/slf4j-api@2.0.13']
assert slf4j.hashes[0].content == sha256('org/slf4j/slf4j-api/2.0.13/slf4j-api-2.0.13.jar')
assert slf4j.licenses*.license*.id == ['MIT'] // inherited from slf4j-parent

// attested over the module's jar with predicate type https://cyclonedx.org/bom, as actions/attest-sbom does, and verified
def run = { List args ->
    def p = ([provenantCli] + args).execute(null, basedir)
    def out = new StringBuilder(), err = new StringBuilder()
    p.waitForProcessOutput(out, err)
    println "provenant ${args.join(' ')} -> ${p.exitValue()}\n$out$err"
    p.exitValue()
}
def privateKey = new File(testdata, 'keys/ec-p256-sec1.pem').path
def publicKey = new File(testdata, 'keys/ec-p256.pub').path
assert run(['attest', '--key', privateKey, '--type', 'https://cyclonedx.org/bom', '--predicate', 'target/bom.json',
            '--bundle', 'target/sbom-attested-1.0.jar.bom.sigstore.json', 'target/sbom-attested-1.0.jar']) == 0
def bundle = new JsonSlurper().parse(new File(basedir, 'target/sbom-attested-1.0.jar.bom.sigstore.json'))
def statement = new JsonSlurper().parse(bundle.dsseEnvelope.payload.decodeBase64())
assert statement.predicateType == 'https://cyclonedx.org/bom'
assert statement.subject*.name == ['sbom-attested-1.0.jar']
assert statement.predicate.components*.purl as Set == byPurl.keySet()
def verify = ['verify-attestation', '--key', publicKey, '--bundle', 'target/sbom-attested-1.0.jar.bom.sigstore.json']
assert run(verify + ['--type', 'https://cyclonedx.org/bom', 'target/sbom-attested-1.0.jar']) == 0
// another predicate type, or another artifact, is refused
assert run(verify + ['--type', 'https://spdx.dev/Document', 'target/sbom-attested-1.0.jar']) == 1
assert run(verify + ['--type', 'https://cyclonedx.org/bom', 'pom.xml']) == 1
true

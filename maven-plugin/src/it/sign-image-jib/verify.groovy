import groovy.json.JsonSlurper

def registry = System.getProperties().get('provenant.it.registry')
try {
    def host = new File(basedir, 'registry.txt').text
    def digest = new File(basedir, 'pushed.digest').text.strip()
    def pinned = "${host}/demo/app@${digest}"
    def log = new File(basedir, 'build.log').text
    assert log.contains("The image Jib pushed: ${pinned} (tags 1.0; the digest is what is signed)")
    assert log.contains("Signed ${pinned}: referrer ")
    assert log.contains("Attested provenance for ${pinned}: referrer ")
    // docker-registry 2.8 has no referrers API: both bundles are listed in the fallback tag
    assert log.contains("listed in fallback tag sha256-${digest.substring(7)}")

    def run = { List args ->
        def p = ([provenantCli] + args).execute(null, basedir)
        def out = new StringBuilder(), err = new StringBuilder()
        p.waitForProcessOutput(out, err)
        println "provenant ${args.join(' ')} -> ${p.exitValue()}\n$out$err"
        [p.exitValue(), out.toString()]
    }
    def key = new File(testdata, 'keys/ec-p256.pub').path
    def other = new File(testdata, 'keys/ec-p384.pub').path
    // the signature verifies with the build's key, and not with another key
    assert run(['verify-image', '--key', key, pinned])[0] == 0
    assert run(['verify-image', '--key', other, pinned])[0] == 1

    // the provenance is for the image, and names the project's jar (name and SHA-256) among resolvedDependencies
    def (code, out) = run(['verify-image', '--key', key, '--predicate-type', 'https://slsa.dev/provenance/v1', '--json', pinned])
    assert code == 0
    def statement = new JsonSlurper().parse(new File(basedir, 'target/demo-image-1.0.intoto.json'))
    def jar = new File(basedir, 'target/demo-image-1.0.jar')
    def jarSha = java.security.MessageDigest.getInstance('SHA-256').digest(jar.bytes).encodeHex().toString()
    assert statement.subject.find { it.name == 'demo-image-1.0.jar' }.digest.sha256 == jarSha

    // the referrer read back by an independent client: skopeo sees the fallback tag's index of the two bundles
    def inspect = ['/usr/bin/skopeo', 'inspect', '--raw', '--tls-verify=false', "docker://${host}/demo/app:sha256-${digest.substring(7)}"].execute()
    def raw = new StringBuilder(), err = new StringBuilder()
    inspect.waitForProcessOutput(raw, err)
    assert inspect.exitValue() == 0 : "skopeo inspect failed: $err"
    def index = new JsonSlurper().parseText(raw.toString())
    assert index.manifests.size() == 2
    assert index.manifests*.artifactType.every { it == 'application/vnd.dev.sigstore.bundle.v0.3+json' }

    // the provenance bundle, read from the registry: its statement is about the image and names the jar as material
    def provenanceReferrer = index.manifests.find { it.annotations?.'dev.sigstore.bundle.predicateType' == 'https://slsa.dev/provenance/v1' }
    assert provenanceReferrer != null : "no provenance referrer in $index"
    def get = { String path, String accept -> def c = new URL("http://${host}/v2/demo/app/${path}").openConnection()
        c.setRequestProperty('Accept', accept); c.inputStream.bytes }
    def referrer = new JsonSlurper().parse(get("manifests/${provenanceReferrer.digest}", 'application/vnd.oci.image.manifest.v1+json'))
    assert referrer.subject.digest == digest
    def bundle = new JsonSlurper().parse(get("blobs/${referrer.layers[0].digest}", '*/*'))
    def imageStatement = new JsonSlurper().parse(bundle.dsseEnvelope.payload.decodeBase64())
    assert imageStatement.predicateType == 'https://slsa.dev/provenance/v1'
    assert imageStatement.subject.size() == 1
    assert imageStatement.subject[0].name == "${host}/demo/app"
    assert imageStatement.subject[0].digest.sha256 == digest.substring(7)
    def materials = imageStatement.predicate.buildDefinition.resolvedDependencies
    assert materials[0].name == 'demo-image-1.0.jar' && materials[0].digest.sha256 == jarSha : materials[0]
    assert imageStatement.predicate.runDetails.builder.id == statement.predicate.runDetails.builder.id
} finally {
    registry?.destroy()
    registry?.waitFor()
}
true

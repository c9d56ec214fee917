import dev.provenant.attest.crypto.PemPublicKeys
import dev.provenant.attest.digest.ArtifactDigester
import dev.provenant.signer.bundle.BundleSigner
import dev.provenant.signer.file.FileKeySigner
import dev.provenant.signer.file.KeyType

// Signed as reviewed (slf4j-api 1.7 only)...
def signer = new FileKeySigner(KeyType.ECDSA_P256.generate(), 'catalog key')
def catalog = new File(basedir, 'catalog.json')
new File(basedir, 'catalog.json.sigstore.json').bytes = new BundleSigner(signer, new ArtifactDigester()).signArtifact(catalog.toPath()).toJson()
new File(basedir, 'catalog.pub').text = PemPublicKeys.toPem(signer.publicKey())
// ...then weakened after signing, as someone pointing the build at a laxer catalog would: every version approved
catalog.text = catalog.text.replace('"[1.7,1.8)"', '"[0,)"')
assert catalog.text.contains('"[0,)"')
true

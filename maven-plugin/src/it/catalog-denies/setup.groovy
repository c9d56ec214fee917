import dev.provenant.attest.crypto.PemPublicKeys
import dev.provenant.attest.digest.ArtifactDigester
import dev.provenant.signer.bundle.BundleSigner
import dev.provenant.signer.file.FileKeySigner
import dev.provenant.signer.file.KeyType

// The catalog is signed here, with a key made for this build, as its reviewers would sign it after review;
// the build is given the public key only.
def signer = new FileKeySigner(KeyType.ECDSA_P256.generate(), 'catalog key')
def catalog = new File(basedir, 'catalog.json').toPath()
new File(basedir, 'catalog.json.sigstore.json').bytes = new BundleSigner(signer, new ArtifactDigester()).signArtifact(catalog).toJson()
new File(basedir, 'catalog.pub').text = PemPublicKeys.toPem(signer.publicKey())
true

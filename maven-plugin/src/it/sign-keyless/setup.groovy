import dev.provenant.localsigstore.Identity
import dev.provenant.localsigstore.LocalSigstore

// The embedded Sigstore stack, in this JVM for the length of the build (verify.groovy closes it).
// Rekor v1 only, the public-good instance's shape: the provenance envelope is logged as a Rekor v1 dsse entry.
def stack = LocalSigstore.start(new File(basedir, 'sigstore').toPath(), 0, 0, Identity.parse('builder@example.test'),
        dev.provenant.localsigstore.RekorApis.V1)
System.getProperties().put('provenant.it.localSigstore', stack)

// Its ports are chosen at start: the build gets its files and issuer through .mvn, read by the mvn launcher.
def mvn = new File(basedir, '.mvn')
mvn.mkdirs()
// Fulcio's gRPC client always uses TLS; the stack's trust store is the JDK's CAs plus its own TLS CA
new File(mvn, 'jvm.config').text = "-Djavax.net.ssl.trustStore=${stack.trustStore()}\n"
new File(mvn, 'maven.config').text = [
        "-Dprovenant.identityTokenFile=${stack.tokenFile()}",
        "-Dprovenant.signingConfig=${stack.signingConfig()}",
        "-Dprovenant.sign.trustedRoot=${stack.trustedRoot()}",
        "-Dprovenant.verify.trustedRoot=${stack.trustedRoot()}",
        "-Dprovenant.certificateOidcIssuer=${stack.oidcIssuer()}"].join('\n') + '\n'
new File(basedir, 'issuer.txt').text = stack.oidcIssuer()
true

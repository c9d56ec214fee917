import java.nio.file.Files
import java.nio.file.StandardCopyOption

// The key pair's public half for the rules (the sign goal signs with the private half), and another key
def keys = new File(basedir, 'keys')
keys.mkdirs()
Files.copy(new File(testdata, 'keys/ec-p256.pub').toPath(), new File(keys, 'release.pub').toPath(), StandardCopyOption.REPLACE_EXISTING)
Files.copy(new File(testdata, 'keys/ed25519.pub').toPath(), new File(keys, 'other.pub').toPath(), StandardCopyOption.REPLACE_EXISTING)

// A keyless bundle the embedded Sigstore stack made (the supply-chain module's fixture, from the fuzz seed generator),
// with that stack's trusted root; the first invocation installs the file and its bundle
def fixtures = new File(new File(provenantCli).parentFile, 'supply-chain/src/test/resources/dev/provenant/supplychain/local-stack')
def notes = new File(basedir, 'notes')
notes.mkdirs()
['artifact.txt', 'message.sigstore.json', 'trusted_root.json'].each {
    Files.copy(new File(fixtures, it).toPath(), new File(notes, it).toPath(), StandardCopyOption.REPLACE_EXISTING)
}

// inhouse/ is a second project: give its POM the values the invoker filters into this one's, if it did not
def pom = new File(basedir, 'inhouse/pom.xml')
def version = (new File(basedir, 'pom.xml').text =~ /<artifactId>provenant-maven-plugin<\/artifactId>\s*<version>([^<]+)<\/version>/)[0][1]
pom.text = pom.text.replace('@project.version@', version).replace('@provenant.testdata@', new File(testdata).absolutePath)
true

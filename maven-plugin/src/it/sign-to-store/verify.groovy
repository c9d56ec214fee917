import java.security.MessageDigest

def target = new File(basedir, 'target')
def log = new File(basedir, 'build.log').text
def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }

def jarBundle = new File(target, 'stored-1.0.jar.provenant-bundle.json')
def provenanceBundle = new File(target, 'stored-1.0.provenance.provenant-bundle.json')
[jarBundle, provenanceBundle].each { assert it.isFile() : "missing $it" }
// the goal says where each bundle went, by the digest of its bytes
assert log.contains("Stored stored-1.0.jar.provenant-bundle.json in ") : 'no "Stored" line for the jar bundle'
assert log.contains("as sha256:${sha256(jarBundle)}")
assert log.contains("as sha256:${sha256(provenanceBundle)}")

// a later stage, on another machine, finds the evidence by the jar's digest alone (the packaged CLI)
def run = { List args ->
    def p = ([provenantCli] + args).execute(null, basedir)
    def out = new StringBuilder(), err = new StringBuilder()
    p.waitForProcessOutput(out, err)
    println "provenant ${args.join(' ')} -> ${p.exitValue()}\n$out$err"
    [p.exitValue(), out.toString()]
}
def jar = "sha256:${sha256(new File(target, 'stored-1.0.jar'))}"
def (all, listed) = run(['store', 'find', '--store', 'evidence', '--subject', jar, '--output-dir', 'found'])
assert all == 0
assert listed.readLines().size() == 2 : listed
assert listed.contains("sha256:${sha256(jarBundle)}  (message signature)")
assert listed.contains("sha256:${sha256(provenanceBundle)}  https://slsa.dev/provenance/v1")
// the stored bytes are the written bundles
assert new File(basedir, "found/${sha256(jarBundle)}.sigstore.json").bytes == jarBundle.bytes
assert new File(basedir, "found/${sha256(provenanceBundle)}.sigstore.json").bytes == provenanceBundle.bytes
// and nothing is stored about another digest
def (none, _) = run(['store', 'find', '--store', 'evidence', '--subject', 'sha256:' + '0' * 64])
assert none == 1
true

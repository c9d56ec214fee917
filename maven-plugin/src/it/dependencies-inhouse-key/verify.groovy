import groovy.json.JsonSlurper

def verdicts = { name -> new JsonSlurper().parse(new File(basedir, "target/${name}")).dependencies.collectEntries { [(it.artifact): it] } }

// the key-signed in-house bundle was installed under Provenant's own name, not as .sigstore.json
def installed = new File(localRepositoryPath, 'org/example/it/inhouse-lib/1.0')
assert new File(installed, 'inhouse-lib-1.0.jar.provenant-bundle.json').isFile()
assert !new File(installed, 'inhouse-lib-1.0.jar.sigstore.json').exists()

// one build: the in-house jar with its rule's key, sigstore-java on public-good, the stack's file with its own root
def ok = verdicts('verdicts.json')
def inhouse = ok['org.example.it:inhouse-lib:jar:1.0']
assert inhouse.outcome == 'verified' : inhouse
assert inhouse.detail ==~ /signed by key sha256:[0-9a-f]{64}/ : inhouse
def sigstore = ok['dev.sigstore:sigstore-java:jar:1.3.0']
assert sigstore.outcome == 'verified' && sigstore.detail.contains('release-sigstore-java-from-tag.yaml@refs/tags/v1.3.0') : sigstore
def notes = ok['org.example.it:notes:txt:1.0']
assert notes.outcome == 'verified' && notes.detail.contains('builder@example.test') : notes
assert ok.size() == 3 : ok.keySet()

// the wrong key and the wrong root fail, each naming why; sigstore-java still verifies
def wrong = verdicts('wrong-verdicts.json')
def wrongKey = wrong['org.example.it:inhouse-lib:jar:1.0']
assert wrongKey.outcome == 'bad-signature' && !wrongKey.passes : wrongKey
def wrongRoot = wrong['org.example.it:notes:txt:1.0']
assert wrongRoot.outcome == 'bad-signature' && !wrongRoot.passes : wrongRoot
assert wrong['dev.sigstore:sigstore-java:jar:1.3.0'].outcome == 'verified'

// -Dprovenant.trustedRoot is refused, naming each goal's own property
def retired = new File(basedir, 'retired.log').text
assert retired.contains('-Dprovenant.trustedRoot is no longer read')
assert retired.contains('-Dprovenant.dependencies.trustedRoot')

// a missing key file is a usage error naming the rule's line, not a verdict
def missing = new File(basedir, 'missing-key.log').text
assert missing =~ /missing-key\.rules:2: key=\S*keys\/missing\.pub cannot be read: no such file/
assert !missing.contains('Dependency signatures:')

// -Dprovenant.keyless does not silently lose to the POM's <key>, nor the key to it
def keyless = new File(basedir, 'keyless.log').text
assert keyless.contains('-Dprovenant.keyless=true asks for keyless signing, but the POM configures <key>')
assert keyless.contains('neither wins')

// the last invocation: the POM's <includePlugins> and -Dprovenant.includePlugins disagree
def log = new File(basedir, 'build.log').text
assert log.contains('<includePlugins>false</includePlugins> in the POM and -Dprovenant.includePlugins=true disagree')
true

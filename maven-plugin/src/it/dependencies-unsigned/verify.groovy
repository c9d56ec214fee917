import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/dependency-verdicts.json'))
assert report.ok == false
def outcomes = report.dependencies.collectEntries { [(it.artifact): it.outcome] }
assert outcomes == ['com.google.code.findbugs:jsr305:jar:3.0.2': 'missing-bundle',
                    'dev.sigstore:sigstore-java:jar:1.3.0': 'verified']
assert log.contains('1 dependency failed signature checks: com.google.code.findbugs:jsr305:jar:3.0.2: missing bundle')
assert log.contains('jsr305-3.0.2.jar.sigstore.json is published')
true

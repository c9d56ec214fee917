import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log =~ /Catalog catalog\.json verified \(sha256:[0-9a-f]{64}\): 5 approved component\(s\), 1 deprecation\(s\)/
// each denial names the component, the reason and the catalog entry (or OSV record)
assert log.contains('org.slf4j:slf4j-api:jar:2.0.13: vulnerable: known vulnerability TEST-SLF4J-0001 (TEST-CVE-0001): a vulnerability made up for this test; fixed in 2.0.14 [OSV TEST-SLF4J-0001 in ')
assert !log.contains('TEST-SLF4J-0002')
assert log.contains("junit:junit:jar:4.13.2: license: license EPL-1.0 ('Eclipse Public License 1.0 <http://www.eclipse.org/legal/epl-v10.html>') is not allowed [licenses [Apache-2.0, BSD-3-Clause, MIT]]")
assert log.contains('commons-lang:commons-lang:jar:2.6: deprecated: deprecated (unmaintained): replace it with org.apache.commons:commons-lang3 [deprecated[0] (commons-lang:commons-lang)]')
assert log.contains('Catalog: 2 component(s) pass, 3 fail')
assert log.contains('3 catalog findings: ')

def report = new JsonSlurper().parse(new File(basedir, 'target/dependency-verdicts.json'))
assert report.ok == false
assert report.catalog.ok == false
assert report.catalog.sha256 ==~ /[0-9a-f]{64}/
assert report.catalog.osv.records == 2
def byArtifact = report.catalog.components.collectEntries { [(it.artifact): it] }
assert byArtifact.keySet() == ['com.google.code.findbugs:jsr305:jar:3.0.2', 'org.slf4j:slf4j-api:jar:2.0.13', 'junit:junit:jar:4.13.2',
        'org.hamcrest:hamcrest-core:jar:1.3', 'commons-lang:commons-lang:jar:2.6'] as Set
assert byArtifact['com.google.code.findbugs:jsr305:jar:3.0.2'].passes
assert byArtifact['com.google.code.findbugs:jsr305:jar:3.0.2'].repository == 'central'
assert byArtifact['org.hamcrest:hamcrest-core:jar:1.3'].passes
assert byArtifact['org.slf4j:slf4j-api:jar:2.0.13'].findings*.kind == ['vulnerable']
assert byArtifact['junit:junit:jar:4.13.2'].findings*.kind == ['license']
assert byArtifact['commons-lang:commons-lang:jar:2.6'].findings*.kind == ['deprecated']
assert byArtifact['commons-lang:commons-lang:jar:2.6'].findings[0].entry == 'deprecated[0] (commons-lang:commons-lang)'
true

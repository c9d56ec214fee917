def verified = new File(basedir, 'verified.log').text
// the POM's bundle verified as the jar's did, the POM without a bundle left to the lock
assert verified.contains('dev.sigstore:sigstore-java:pom:1.3.0: verified')
assert verified.contains('dev.sigstore:sigstore-java:jar:1.3.0: verified')
assert verified.contains('1 POM(s) without a published bundle')
assert !verified.contains('com.google.code.findbugs:jsr305:pom:3.0.2')
// the jar's bundle in the POM's place does not verify over the POM
def tampered = new File(basedir, 'tampered.log').text
assert tampered =~ /dev\.sigstore:sigstore-java:pom:1\.3\.0: bad signature/
assert tampered.contains('dev.sigstore:sigstore-java:jar:1.3.0: verified')
// the last build put the local repository back
assert !new File(localRepositoryPath, 'dev/sigstore/sigstore-java/1.3.0/sigstore-java-1.3.0.pom.sigstore.json').exists()
true

def log = new File(basedir, 'build.log').text
// the replaced jar still passes the signature rules (unsigned-ok: no bundle is published), but not the lock
assert log.contains('org.slf4j:slf4j-api:jar:2.0.13: unsigned (allowed)')
assert log =~ /org\.slf4j:slf4j-api:jar:2\.0\.13: digest differs \(the file has sha256:[0-9a-f]{64}, the lock has sha256:[0-9a-f]{64}\)/
assert log.contains('1 artifact failed the lock check: org.slf4j:slf4j-api:jar:2.0.13: digest differs')
// the last build put the original back in the shared local repository
assert new File(localRepositoryPath, 'org/slf4j/slf4j-api/2.0.13/slf4j-api-2.0.13.jar').bytes == new File(basedir, 'target/original/slf4j-api-2.0.13.jar').bytes
assert new File(localRepositoryPath, 'org/slf4j/slf4j-api/2.0.13/slf4j-api-2.0.13.jar').bytes != new File(basedir, 'src/tamper/slf4j-api-2.0.13.jar').bytes
true

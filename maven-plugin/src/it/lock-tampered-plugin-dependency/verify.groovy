def log = new File(basedir, 'build.log').text
assert log =~ /org\.opentest4j:opentest4j:jar:1\.3\.0: digest differs \(the file has sha256:[0-9a-f]{64}, the lock has sha256:[0-9a-f]{64}\)/
assert log.contains('1 artifact failed the lock check: org.opentest4j:opentest4j:jar:1.3.0: digest differs')
// the last build put the original back in the shared local repository
assert new File(localRepositoryPath, 'org/opentest4j/opentest4j/1.3.0/opentest4j-1.3.0.jar').bytes == new File(basedir, 'target/original/opentest4j-1.3.0.jar').bytes
assert new File(localRepositoryPath, 'org/opentest4j/opentest4j/1.3.0/opentest4j-1.3.0.jar').bytes != new File(basedir, 'src/tamper/opentest4j-1.3.0.jar').bytes
true

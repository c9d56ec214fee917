def log = new File(basedir, 'build.log').text
assert log =~ /org\.apiguardian:apiguardian-api:pom:1\.1\.2: digest differs \(the file has sha256:[0-9a-f]{64}, the lock has sha256:[0-9a-f]{64}\)/
assert log.contains('1 artifact failed the lock check: org.apiguardian:apiguardian-api:pom:1.1.2: digest differs')
// the last build put the original back in the shared local repository
assert new File(localRepositoryPath, 'org/apiguardian/apiguardian-api/1.1.2/apiguardian-api-1.1.2.pom').bytes == new File(basedir, 'target/original/apiguardian-api-1.1.2.pom').bytes
assert new File(localRepositoryPath, 'org/apiguardian/apiguardian-api/1.1.2/apiguardian-api-1.1.2.pom').bytes != new File(basedir, 'src/tamper/apiguardian-api-1.1.2.pom').bytes
true

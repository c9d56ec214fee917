def log = new File(basedir, 'build.log').text
assert log =~ /org\.opentest4j:opentest4j:jar:1\.3\.0: digest differs \(the file has sha256:[0-9a-f]{64}, the lock has sha256:[0-9a-f]{64}\)/
assert log.contains('1 artifact failed the lock check: org.opentest4j:opentest4j:jar:1.3.0: digest differs')
true

def log = new File(basedir, 'build.log').text
// the jar and its POM are both new; the build names the first and counts the rest
assert log =~ /org\.hamcrest:hamcrest:jar:2\.2: new dependency \(sha256:[0-9a-f]{64} as compile, not in the lock for org\.example\.it:lock-new-dependency: review it and run `mvn provenant:lock`\)/
assert log.contains('org.hamcrest:hamcrest:pom:2.2: new dependency')
assert log =~ /\d+ artifacts failed the lock check: org\.hamcrest:hamcrest:jar:2\.2: new dependency/
true

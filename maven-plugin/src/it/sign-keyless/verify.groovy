def stack = System.getProperties().remove('provenant.it.localSigstore')
try {
    def target = new File(basedir, 'target')
    def log = new File(basedir, 'build.log').text

    ['demo-keyless-1.0.jar.provenant-bundle.json', 'demo-keyless-1.0.pom.provenant-bundle.json', 'demo-keyless-1.0.provenance.provenant-bundle.json'].each {
        assert new File(target, it).isFile() : "missing target/$it"
    }
    assert log.contains('Using the identity token from <identityTokenFile>')
    // a private instance's bundles are not attached under the name Maven Central checks against public good
    assert log.contains('Attaching bundles as FILE.provenant-bundle.json, not FILE.sigstore.json')
    def provenance = new groovy.json.JsonSlurper().parse(new File(target, 'demo-keyless-1.0.provenance.provenant-bundle.json'))
    assert provenance.verificationMaterial.tlogEntries[0].kindVersion.kind == 'dsse'
    assert provenance.verificationMaterial.tlogEntries[0].kindVersion.version == '0.0.1'
    assert log.contains('Signed with keyless identity builder@example.test')
    assert log.contains('Verified 2 artifact(s) and their provenance against the trusted root')
    def installed = new File(localRepositoryPath, 'org/example/it/demo-keyless/1.0')
    ['demo-keyless-1.0.jar.provenant-bundle.json', 'demo-keyless-1.0.pom.provenant-bundle.json', 'demo-keyless-1.0.provenance.provenant-bundle.json'].each {
        assert new File(installed, it).isFile() : "not installed: $it"
    }

    // the CLI accepts the jar's bundle for the token's identity with the stack's root, and refuses another identity
    def issuer = new File(basedir, 'issuer.txt').text
    def run = { List args ->
        def p = ([provenantCli] + args).execute(null, basedir)
        def out = new StringBuilder(), err = new StringBuilder()
        p.waitForProcessOutput(out, err)
        println "provenant ${args.join(' ')} -> ${p.exitValue()}\n$out$err"
        p.exitValue()
    }
    def verify = ['verify', '--certificate-oidc-issuer', issuer, '--trusted-root', 'sigstore/trusted_root.json', '--require-tlog',
                  '--bundle', 'target/demo-keyless-1.0.jar.provenant-bundle.json']
    assert run(verify + ['--certificate-identity', 'builder@example.test', 'target/demo-keyless-1.0.jar']) == 0
    assert run(verify + ['--certificate-identity', 'mallory@example.test', 'target/demo-keyless-1.0.jar']) == 1
} finally {
    stack?.close()
}
true

package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links in both directions between the packaged ./provenant and in-toto's Python reference
 * implementation (Debian's in-toto package, which .ci/run installs), and a layout that mixes the two.
 */
class LinkInteropIT {
    static final Path KEYS = PackagedCli.ROOT.resolve("testdata/keys/intoto");
    /** Debian's interpreter: the in_toto module is installed for it, not for a python3 earlier on PATH. */
    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    record Run(int exitCode, String output) {}

    @BeforeAll
    static void requireInToto() {
        boolean present = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(p -> Files.isExecutable(Path.of(p, "in-toto-run")) && Files.isExecutable(Path.of(p, "in-toto-verify")));
        assumeTrue(present && Files.isExecutable(Path.of(PYTHON)),
                "in-toto's commands are not installed (apt-get install in-toto; .ci/run does), so the interop tests are skipped");
    }

    static Run exec(Path workdir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(workdir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(List.of(command) + " did not finish");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static Run provenant(Path workdir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PackagedCli.ROOT.resolve("provenant").toString()));
        command.addAll(List.of(args));
        return exec(workdir, command.toArray(String[]::new));
    }

    static String key(String name) {
        return KEYS.resolve(name).toString();
    }

    static void ok(Run run) {
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    @Test
    void linksMadeByInTotoRunVerifyWithProvenant() throws Exception {
        Files.writeString(dir.resolve("foo.txt"), "hello\n");
        ok(exec(dir, "in-toto-run", "-n", "rsa", "-k", key("rsa"), "-m", "foo.txt", "-p", "foo.txt", "-s", "--", "echo", "é"));
        ok(exec(dir, "in-toto-run", "-n", "ed", "-k", key("ed25519"), "-t", "ed25519", "-m", ".", "--", "true"));
        ok(exec(dir, "in-toto-run", "-n", "ec", "-k", key("ecdsa"), "-t", "ecdsa", "-p", "foo.txt", "--", "true"));
        ok(provenant(dir, "verify-link", "--key", key("rsa.pub"), "rsa.b26082d9.link"));
        ok(provenant(dir, "verify-link", "--key", key("ed25519.pub"), "ed.1a8aa7f4.link"));
        ok(provenant(dir, "verify-link", "--key", key("ecdsa.pub"), "ec.d54458dc.link"));
        Run wrong = provenant(dir, "verify-link", "--key", key("rsa.pub"), "ed.1a8aa7f4.link");
        assertThat(wrong.exitCode()).as(wrong.output()).isEqualTo(1);
    }

    @Test
    void linksMadeByProvenantVerifyWithInTotoSign() throws Exception {
        Files.writeString(dir.resolve("foo.txt"), "hello\n");
        String[][] keys = {{"rsa", "rsa", "b26082d9"}, {"ed25519", "ed25519", "1a8aa7f4"}, {"ecdsa", "ecdsa", "d54458dc"}};
        for (String[] k : keys) {
            ok(provenant(dir, "run", "-n", "s-" + k[0], "-k", key(k[0]), "-m", "foo.txt", "-p", ".", "-s", "--", "sh", "-c", "echo ünïcode"));
            ok(exec(dir, "in-toto-sign", "-f", "s-" + k[0] + "." + k[2] + ".link", "-k", key(k[0] + ".pub"), "-t", k[1], "--verify"));
        }
        // record start/stop, and a step started by in-toto-record and stopped by provenant
        ok(provenant(dir, "record", "start", "-n", "rec", "-k", key("ed25519"), "-m", "foo.txt"));
        ok(provenant(dir, "record", "stop", "-n", "rec", "-k", key("ed25519"), "-p", "foo.txt"));
        ok(exec(dir, "in-toto-sign", "-f", "rec.1a8aa7f4.link", "-k", key("ed25519.pub"), "-t", "ed25519", "--verify"));
        ok(exec(dir, "in-toto-record", "start", "-n", "mixed", "-k", key("rsa"), "-m", "foo.txt"));
        ok(provenant(dir, "record", "stop", "-n", "mixed", "-k", key("rsa"), "-p", "foo.txt"));
        ok(exec(dir, "in-toto-sign", "-f", "mixed.b26082d9.link", "-k", key("rsa.pub"), "--verify"));

        Path link = dir.resolve("s-rsa.b26082d9.link");
        Files.writeString(link, Files.readString(link).replace("\"s-rsa\"", "\"s-rsb\""));
        assertThat(exec(dir, "in-toto-sign", "-f", link.toString(), "-k", key("rsa.pub"), "--verify").exitCode()).isNotZero();
    }

    /**
     * write (ed25519, in-toto-run) then package (RSA, provenant run), inspected by untar, all under one
     * layout made with in-toto's Python API; in-toto-verify and provenant verify-layout reach the same verdicts.
     */
    @Test
    void aLayoutMixingBothToolsVerifiesAndATamperedProductFails() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        ok(exec(dir, "in-toto-keygen", "owner"));
        ok(exec(dir, PYTHON, "-c", LAYOUT_SCRIPT, dir.resolve("root.layout").toString(), dir.resolve("owner").toString(),
                key("ed25519.pub"), key("rsa.pub")));
        ok(exec(work, "in-toto-run", "-n", "write", "-k", key("ed25519"), "-t", "ed25519", "-p", "foo.txt", "--",
                "sh", "-c", "echo hello > foo.txt"));
        ok(provenant(work, "run", "-n", "package", "-k", key("rsa"), "-m", "foo.txt", "-p", "foo.tar.gz", "--",
                "tar", "czf", "foo.tar.gz", "foo.txt"));

        Path verify = verifyDir("verify", work);
        Path verifyCopy = copyOf(verify, "verify-provenant");
        Run verified = exec(verify, "in-toto-verify", "-l", "root.layout", "-k", "owner.pub");
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        Run provenantVerified = verifyLayout(verifyCopy, "--run-inspections");
        assertThat(provenantVerified.exitCode()).as(provenantVerified.output()).isZero();
        assertThat(provenantVerified.output()).contains("Verified OK", "inspection  untar");
        // without --run-inspections the untar inspection is not done, so the product is not verified
        Run notInspected = verifyLayout(copyOf(verify, "verify-no-inspections"));
        assertThat(notInspected.exitCode()).as(notInspected.output()).isEqualTo(1);
        assertThat(notInspected.output()).contains("were not run");

        // The final product swapped for another tarball: the inspection's MATCH fails and DISALLOW * refuses it.
        Path tampered = verifyDir("tampered-product", work);
        Files.writeString(tampered.resolve("evil.txt"), "evil\n");
        ok(exec(tampered, "tar", "czf", "foo.tar.gz", "evil.txt"));
        Files.delete(tampered.resolve("evil.txt"));
        Path tamperedCopy = copyOf(tampered, "tampered-product-provenant");
        Run refused = exec(tampered, "in-toto-verify", "-l", "root.layout", "-k", "owner.pub");
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("DISALLOW");
        Run provenantRefused = verifyLayout(tamperedCopy, "--run-inspections");
        assertThat(provenantRefused.exitCode()).as(provenantRefused.output()).isEqualTo(1);
        assertThat(provenantRefused.output()).contains("'DISALLOW *' in expected_materials of 'untar'");

        // write's product changed before package consumed it: package's materials no longer match.
        Path work2 = Files.createDirectories(dir.resolve("work2"));
        ok(exec(work2, "in-toto-run", "-n", "write", "-k", key("ed25519"), "-t", "ed25519", "-p", "foo.txt", "--",
                "sh", "-c", "echo hello > foo.txt"));
        Files.writeString(work2.resolve("foo.txt"), "hello, tampered\n");
        ok(provenant(work2, "run", "-n", "package", "-k", key("rsa"), "-m", "foo.txt", "-p", "foo.tar.gz", "--",
                "tar", "czf", "foo.tar.gz", "foo.txt"));
        Path tamperedMaterial = verifyDir("tampered-material", work2);
        Path tamperedMaterialCopy = copyOf(tamperedMaterial, "tampered-material-provenant");
        Run refused2 = exec(tamperedMaterial, "in-toto-verify", "-l", "root.layout", "-k", "owner.pub");
        assertThat(refused2.exitCode()).as(refused2.output()).isNotZero();
        Run provenantRefused2 = verifyLayout(tamperedMaterialCopy, "--run-inspections");
        assertThat(provenantRefused2.exitCode()).as(provenantRefused2.output()).isEqualTo(1);
        assertThat(provenantRefused2.output()).contains("expected_materials of 'package'");
    }

    private static Run verifyLayout(Path verify, String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("verify-layout", "--layout", "root.layout", "--layout-key", "owner.pub"));
        args.addAll(List.of(extra));
        return provenant(verify, args.toArray(String[]::new));
    }

    /** in-toto-verify leaves the inspection's outputs behind, so each verifier gets its own untouched copy. */
    private Path copyOf(Path from, String name) throws IOException {
        Path to = Files.createDirectories(dir.resolve(name));
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    /** A clean folder holding only what a verifier gets: layout, owner key, links and the final product. */
    private Path verifyDir(String name, Path work) throws IOException {
        Path verify = Files.createDirectories(dir.resolve(name));
        Files.copy(dir.resolve("root.layout"), verify.resolve("root.layout"));
        Files.copy(dir.resolve("owner.pub"), verify.resolve("owner.pub"));
        for (String f : new String[] {"write.1a8aa7f4.link", "package.b26082d9.link", "foo.tar.gz"}) {
            Files.copy(work.resolve(f), verify.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        return verify;
    }

    static final String LAYOUT_SCRIPT = String.join("\n",
            "import sys",
            "from in_toto.models.layout import Layout, Step, Inspection",
            "from in_toto.models.metadata import Metablock",
            "from securesystemslib.interface import import_rsa_privatekey_from_file, import_publickeys_from_file",
            "out, owner, ed_pub, rsa_pub = sys.argv[1:5]",
            "ed = import_publickeys_from_file([ed_pub], ['ed25519'])",
            "rsa = import_publickeys_from_file([rsa_pub], ['rsa'])",
            "layout = Layout()",
            "layout.set_relative_expiration(months=1)",
            "layout.keys = {**ed, **rsa}",
            "write = Step(name='write', pubkeys=list(ed), expected_command=['sh', '-c', 'echo hello > foo.txt'],",
            "    expected_products=[['CREATE', 'foo.txt'], ['DISALLOW', '*']])",
            "package = Step(name='package', pubkeys=list(rsa), expected_command=['tar', 'czf', 'foo.tar.gz', 'foo.txt'],",
            "    expected_materials=[['MATCH', 'foo.txt', 'WITH', 'PRODUCTS', 'FROM', 'write'], ['DISALLOW', '*']],",
            "    expected_products=[['CREATE', 'foo.tar.gz'], ['DISALLOW', '*']])",
            "untar = Inspection(name='untar', run=['tar', 'xzf', 'foo.tar.gz'],",
            "    expected_materials=[['MATCH', 'foo.tar.gz', 'WITH', 'PRODUCTS', 'FROM', 'package'],",
            "        ['ALLOW', 'root.layout'], ['ALLOW', 'owner.pub'], ['DISALLOW', '*']],",
            "    expected_products=[['MATCH', 'foo.txt', 'WITH', 'PRODUCTS', 'FROM', 'write'],",
            "        ['MATCH', 'foo.tar.gz', 'WITH', 'PRODUCTS', 'FROM', 'package'],",
            "        ['ALLOW', 'root.layout'], ['ALLOW', 'owner.pub'], ['DISALLOW', '*']])",
            "layout.steps = [write, package]",
            "layout.inspect = [untar]",
            "block = Metablock(signed=layout)",
            "block.sign(import_rsa_privatekey_from_file(owner))",
            "block.dump(out)",
            "");
    /**
     * One step, write, by the ed25519 key listed {@code copies} times with {@code threshold}, whose
     * products must satisfy {@code productRules}; in-toto-verify and provenant verify-layout must agree.
     */
    private void bothVerifiers(String name, int threshold, int copies, String productRules, boolean verifies, String... products)
            throws Exception {
        Path work = Files.createDirectories(dir.resolve(name + "-work"));
        Path verify = Files.createDirectories(dir.resolve(name));
        ok(exec(dir, PYTHON, "-c", RULES_LAYOUT_SCRIPT, verify.resolve("root.layout").toString(), dir.resolve("owner").toString(),
                key("ed25519.pub"), Integer.toString(threshold), Integer.toString(copies), productRules));
        Files.copy(dir.resolve("owner.pub"), verify.resolve("owner.pub"));
        for (String product : products) {
            Path file = work.resolve(product);
            Files.createDirectories(file.getParent());
            Files.writeString(file, product + "\n");
        }
        ok(exec(work, "in-toto-run", "-n", "write", "-k", key("ed25519"), "-t", "ed25519", "-p", ".", "--", "true"));
        Files.copy(work.resolve("write.1a8aa7f4.link"), verify.resolve("write.1a8aa7f4.link"));
        Path copy = copyOf(verify, name + "-provenant");
        Run inToto = exec(verify, "in-toto-verify", "-l", "root.layout", "-k", "owner.pub");
        Run provenant = verifyLayout(copy);
        assertThat(inToto.exitCode() == 0).as(name + ", in-toto-verify: " + inToto.output()).isEqualTo(verifies);
        assertThat(provenant.exitCode()).as(name + ", provenant: " + provenant.output()).isEqualTo(verifies ? 0 : 1);
    }

    @Test
    void aKeyListedTwiceCountsOnceInBothVerifiers() throws Exception {
        ok(exec(dir, "in-toto-keygen", "owner"));
        bothVerifiers("twice-threshold-1", 1, 2, "[[\"ALLOW\", \"*\"]]", true, "foo.txt");
        bothVerifiers("twice-threshold-2", 2, 2, "[[\"ALLOW\", \"*\"]]", false, "foo.txt");
    }

    /** fnmatch's reading of a set with a reversed range ({@code [c-b-a]} is "-" or "a"), and a star that spans "/". */
    @Test
    void globEdgeCasesConsumeTheSameArtifactsInBothVerifiers() throws Exception {
        ok(exec(dir, "in-toto-keygen", "owner"));
        String rules = "[[\"ALLOW\", \"[c-b-a]*\"], [\"ALLOW\", \"sub*.txt\"], [\"DISALLOW\", \"*\"]]";
        bothVerifiers("glob-good", 1, 1, rules, true, "a.txt", "-x", "sub/deep/f.txt");
        bothVerifiers("glob-reversed-range", 1, 1, rules, false, "a.txt", "b.txt");
        bothVerifiers("glob-star-needs-suffix", 1, 1, rules, false, "a.txt", "sub/deep/f.txz");
    }

    static final String RULES_LAYOUT_SCRIPT = String.join("\n",
            "import json, sys",
            "from in_toto.models.layout import Layout, Step",
            "from in_toto.models.metadata import Metablock",
            "from securesystemslib.interface import import_rsa_privatekey_from_file, import_publickeys_from_file",
            "out, owner, ed_pub, threshold, copies, rules = sys.argv[1:7]",
            "ed = import_publickeys_from_file([ed_pub], ['ed25519'])",
            "layout = Layout()",
            "layout.set_relative_expiration(months=1)",
            "layout.keys = ed",
            "write = Step(name='write', pubkeys=list(ed) * int(copies), threshold=int(threshold), expected_command=['true'],",
            "    expected_products=json.loads(rules))",
            "layout.steps = [write]",
            "block = Metablock(signed=layout)",
            "block.sign(import_rsa_privatekey_from_file(owner))",
            "block.dump(out)",
            "");
}

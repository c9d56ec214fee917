package dev.provenant.cli;

import static dev.provenant.cli.LinkInteropIT.PYTHON;
import static dev.provenant.cli.LinkInteropIT.exec;
import static dev.provenant.cli.LinkInteropIT.key;
import static dev.provenant.cli.LinkInteropIT.ok;
import static dev.provenant.cli.LinkInteropIT.provenant;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root layout whose one step, sub, is delegated to a sublayout signed by the step's ed25519
 * functionary, both made with in-toto's Python API; in-toto-verify and provenant verify-layout must
 * agree on a good chain (inner link from either tool) and on one with an extra product.
 */
class SublayoutInteropIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void requireInToto() {
        LinkInteropIT.requireInToto();
    }

    /** A fresh verification folder: root layout, owner key, the sublayout as sub's link, and the inner link below it. */
    private Path chain(String name, String... producer) throws Exception {
        Path verify = Files.createDirectories(dir.resolve(name));
        for (String f : new String[] {"root.layout", "owner.pub", "sub.1a8aa7f4.link"}) {
            Files.copy(dir.resolve(f), verify.resolve(f));
        }
        Path inner = Files.createDirectories(verify.resolve("sub.1a8aa7f4"));
        Path work = Files.createDirectories(dir.resolve(name + "-work"));
        LinkInteropIT.Run run = producer[0].equals("in-toto-run") ? exec(work, producer) : provenant(work, producer);
        ok(run);
        Files.copy(work.resolve("write.b26082d9.link"), inner.resolve("write.b26082d9.link"));
        return verify;
    }

    private static int inTotoVerify(Path verify) throws Exception {
        return exec(verify, "in-toto-verify", "-l", "root.layout", "-k", "owner.pub").exitCode();
    }

    private static LinkInteropIT.Run provenantVerify(Path verify) throws Exception {
        return provenant(verify, "verify-layout", "--layout", "root.layout", "--layout-key", "owner.pub");
    }

    @Test
    void bothVerifiersAgreeOnASublayout() throws Exception {
        ok(exec(dir, "in-toto-keygen", "owner"));
        ok(exec(dir, PYTHON, "-c", SCRIPT, dir.resolve("root.layout").toString(), dir.resolve("sub.1a8aa7f4.link").toString(),
                dir.resolve("owner").toString(), key("ed25519"), key("ed25519.pub"), key("rsa.pub")));

        Path byProvenant = chain("provenant", "run", "-n", "write", "-k", key("rsa"), "-p", "foo.txt", "--",
                "sh", "-c", "echo hello > foo.txt");
        Path byInToto = chain("in-toto", "in-toto-run", "-n", "write", "-k", key("rsa"), "-p", "foo.txt", "--",
                "sh", "-c", "echo hello > foo.txt");
        for (Path good : new Path[] {byProvenant, byInToto}) {
            assertThat(inTotoVerify(good)).as(good.toString()).isZero();
            LinkInteropIT.Run run = provenantVerify(good);
            assertThat(run.exitCode()).as(run.output()).isZero();
        }

        Path extra = chain("extra-product", "run", "-n", "write", "-k", key("rsa"), "-p", "foo.txt", "evil.txt", "--",
                "sh", "-c", "echo hello > foo.txt; echo evil > evil.txt");
        assertThat(inTotoVerify(extra)).isNotZero();
        LinkInteropIT.Run refused = provenantVerify(extra);
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("expected_products of 'write' matched [evil.txt]");
    }

    static final String SCRIPT = String.join("\n",
            "import sys",
            "from in_toto.models.layout import Layout, Step",
            "from in_toto.models.metadata import Metablock",
            "from securesystemslib.interface import import_rsa_privatekey_from_file, import_ed25519_privatekey_from_file,"
                    + " import_publickeys_from_file",
            "root_out, sub_out, owner, ed_priv, ed_pub, rsa_pub = sys.argv[1:7]",
            "ed = import_publickeys_from_file([ed_pub], ['ed25519'])",
            "rsa = import_publickeys_from_file([rsa_pub], ['rsa'])",
            "sub = Layout()",
            "sub.set_relative_expiration(months=1)",
            "sub.keys = rsa",
            "sub.steps = [Step(name='write', pubkeys=list(rsa), expected_command=['sh', '-c', 'echo hello > foo.txt'],",
            "    expected_products=[['CREATE', 'foo.txt'], ['DISALLOW', '*']])]",
            "block = Metablock(signed=sub)",
            "block.sign(import_ed25519_privatekey_from_file(ed_priv))",
            "block.dump(sub_out)",
            "root = Layout()",
            "root.set_relative_expiration(months=1)",
            "root.keys = ed",
            "root.steps = [Step(name='sub', pubkeys=list(ed), expected_products=[['CREATE', 'foo.txt'], ['DISALLOW', '*']])]",
            "block = Metablock(signed=root)",
            "block.sign(import_rsa_privatekey_from_file(owner))",
            "block.dump(root_out)",
            "");
}

import dev.provenant.cli.Main;
import java.io.File;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the AsciiDoc man page sources of provenant(1) and of every subcommand, from the picocli
 * command model the CLI runs with, into the folder named by the first argument. The build runs it as
 * a single source file (java -cp CLI:picocli:picocli-codegen ManPages.java DIR) and Asciidoctor turns
 * the pages into troff for man/man1/ in the distribution.
 */
public final class ManPages {
    private ManPages() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ManPages OUTPUT_DIR");
            System.exit(2);
        }
        File out = new File(args[0]);
        if (!out.isDirectory() && !out.mkdirs()) {
            System.err.println("ManPages: cannot create " + out);
            System.exit(2);
        }
        System.exit(ManPageGenerator.generateManPage(out, null, new boolean[1], false, Main.model()));
    }
}

package dev.provenant.cli;

import dev.provenant.attest.FormatException;
import dev.provenant.frontend.FrontEnd;
import dev.provenant.frontend.SetupException;
import dev.provenant.frontend.StorePush;
import dev.provenant.store.EvidenceStore;
import dev.provenant.store.StoreException;
import java.util.List;

/**
 * The CLI's side of the evidence store: the {@code --store} option's text, and {@link StorePush} (shared
 * with the Maven plugin) with the PostgreSQL driver loaded from lib/.
 */
final class StoreCli {
    static final String OPTION_DESCRIPTION = "The evidence store: a folder, or postgresql://HOST[:PORT]/DB (no password: it comes"
            + " from PROVENANT_STORE_PASSWORD_FILE, PGPASSWORD or PGPASSFILE). Default, and with no value: PROVENANT_STORE_URL.";

    /** {@code --store} on a command that writes a bundle: the bundle is also pushed, as {@code store push} does. */
    static final String PUSH_DESCRIPTION = "After writing the bundle, also store it in this evidence store, as provenant store push"
            + " does (later stages find it with store find --subject). A folder, or postgresql://HOST[:PORT]/DB (no password:"
            + " it comes from PROVENANT_STORE_PASSWORD_FILE, PGPASSWORD or PGPASSFILE). With no value: PROVENANT_STORE_URL.";

    private StoreCli() {}

    /** The shared push path, with the PostgreSQL driver from lib/ (off the launcher's class path, where DriverManager cannot see it). */
    private static StorePush stores() {
        return new StorePush(FrontEnd.CLI, System.getenv(), () -> LibLoader.load(java.sql.Driver.class));
    }

    /** Stores bundles in the store {@code option} names, as {@code store push} does. */
    static StorePush.Pushed push(String option, List<byte[]> bundles) throws SetupException, StoreException, FormatException {
        return stores().push(option, bundles);
    }

    /** Pushes a bundle a command has just written to {@code written}; a failure says that the written bundle stays. */
    static StorePush.Pushed pushWritten(String option, byte[] bundle, String written) throws SetupException, StoreException, FormatException {
        return stores().pushWritten(option, bundle, written);
    }

    /**
     * Says where {@link #pushWritten} stored a bundle: in {@code json} when the command prints JSON, else one
     * line on stdout, or on stderr when the bundle itself went to stdout.
     */
    static void report(picocli.CommandLine cmd, StorePush.Pushed pushed, com.fasterxml.jackson.databind.node.ObjectNode json, boolean toStderr) {
        if (json != null) {
            json.put("store", pushed.store());
            json.put("stored", pushed.bundles().get(0).digest().toString());
            return;
        }
        java.io.PrintWriter w = toStderr ? cmd.getErr() : cmd.getOut();
        w.println("Stored in " + pushed.store() + " as " + pushed.bundles().get(0).digest());
        w.flush();
    }

    /** Fails, before anything is signed, when {@code --store} has no value and no store is configured. */
    static void checkLocation(String option) throws SetupException {
        stores().location(option);
    }

    /** A {@code --subject} operand as the store indexes it. */
    static String subject(String operand) throws UsageException {
        try {
            return dev.provenant.attest.digest.Digest.parse(operand).toString();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--subject is ALGORITHM:HEX, e.g. sha256:HEX: " + e.getMessage());
        }
    }

    static EvidenceStore open(String option) throws SetupException, StoreException {
        return stores().open(option);
    }
}

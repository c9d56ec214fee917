package dev.provenant.cli;

import dev.provenant.attest.FormatException;
import dev.provenant.store.EvidenceStore;
import dev.provenant.store.EvidenceStores;
import dev.provenant.store.StoreException;
import dev.provenant.store.StoredBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Opens the evidence store a command's {@code --store} names, or {@code PROVENANT_STORE_URL}. */
final class StoreCli {
    static final String OPTION_DESCRIPTION = "The evidence store: a folder, or postgresql://HOST[:PORT]/DB (no password: it comes"
            + " from PROVENANT_STORE_PASSWORD_FILE, PGPASSWORD or PGPASSFILE). Default, and with no value: PROVENANT_STORE_URL.";

    /** {@code --store} on a command that writes a bundle: the bundle is also pushed, as {@code store push} does. */
    static final String PUSH_DESCRIPTION = "After writing the bundle, also store it in this evidence store, as provenant store push"
            + " does (later stages find it with store find --subject). A folder, or postgresql://HOST[:PORT]/DB (no password:"
            + " it comes from PROVENANT_STORE_PASSWORD_FILE, PGPASSWORD or PGPASSFILE). With no value: PROVENANT_STORE_URL.";

    private StoreCli() {}

    /** What {@link #push} stored, and where. */
    record Pushed(String store, List<StoredBundle> bundles) {}

    /**
     * Stores bundles in the store {@code option} names: the one code path of {@code store push} and of
     * {@code --store} on {@code sign}, {@code attest} and {@code provenance}. Storing a bundle again changes nothing.
     */
    static Pushed push(String option, List<byte[]> bundles) throws UsageException, StoreException, FormatException {
        List<StoredBundle> stored = new ArrayList<>();
        try (EvidenceStore s = open(option)) {
            for (byte[] content : bundles) {
                stored.add(s.put(content));
            }
            return new Pushed(s.name(), List.copyOf(stored));
        }
    }

    /**
     * Pushes a bundle a command has just written to {@code written}; when the store fails, the failure says
     * that the written bundle stays, to be pushed later.
     */
    static Pushed pushWritten(String option, byte[] bundle, String written) throws UsageException, StoreException, FormatException {
        try {
            return push(option, List.of(bundle));
        } catch (StoreException e) {
            throw new StoreException(e.getMessage() + ("-".equals(written) ? "" : "; the bundle " + written
                    + " is written: store it later with provenant store push"), e);
        }
    }

    /**
     * Says where {@link #pushWritten} stored a bundle: in {@code json} when the command prints JSON, else one
     * line on stdout, or on stderr when the bundle itself went to stdout.
     */
    static void report(picocli.CommandLine cmd, Pushed pushed, com.fasterxml.jackson.databind.node.ObjectNode json, boolean toStderr) {
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
    static void checkLocation(String option) throws UsageException {
        location(option);
    }

    private static String location(String option) throws UsageException {
        Optional<String> location = EvidenceStores.location(option, System.getenv());
        if (location.isEmpty()) {
            throw new UsageException("no evidence store: give --store DIR or --store postgresql://HOST/DB, or set "
                    + EvidenceStores.URL_VARIABLE);
        }
        return location.get();
    }

    /** A {@code --subject} operand as the store indexes it. */
    static String subject(String operand) throws UsageException {
        try {
            return dev.provenant.attest.digest.Digest.parse(operand).toString();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--subject is ALGORITHM:HEX, e.g. sha256:HEX: " + e.getMessage());
        }
    }

    static EvidenceStore open(String option) throws UsageException, StoreException {
        Map<String, String> env = System.getenv();
        String location = location(option);
        try {
            // the PostgreSQL driver lives in lib/, off the launcher's class path, where DriverManager cannot see it
            java.sql.Driver driver = null;
            if (EvidenceStores.isPostgres(location)) {
                try {
                    driver = LibLoader.load(java.sql.Driver.class).orElseThrow(() -> new StoreException(
                            "the PostgreSQL driver is not installed beside this CLI (lib/postgresql-*.jar)"));
                } catch (java.io.IOException e) {
                    throw new StoreException("cannot load the PostgreSQL driver: " + e.getMessage(), e);
                }
            }
            return EvidenceStores.open(location, env, driver);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}

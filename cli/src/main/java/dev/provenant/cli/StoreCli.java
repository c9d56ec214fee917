package dev.provenant.cli;

import dev.provenant.store.EvidenceStore;
import dev.provenant.store.EvidenceStores;
import dev.provenant.store.StoreException;
import java.util.Map;
import java.util.Optional;

/** Opens the evidence store a command's {@code --store} names, or {@code PROVENANT_STORE_URL}. */
final class StoreCli {
    static final String OPTION_DESCRIPTION = "The evidence store: a folder, or postgresql://HOST[:PORT]/DB (no password: it comes"
            + " from PROVENANT_STORE_PASSWORD_FILE, PGPASSWORD or PGPASSFILE). Default, and with no value: PROVENANT_STORE_URL.";

    private StoreCli() {}

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
        Optional<String> location = EvidenceStores.location(option, env);
        if (location.isEmpty()) {
            throw new UsageException("no evidence store: give --store DIR or --store postgresql://HOST/DB, or set "
                    + EvidenceStores.URL_VARIABLE);
        }
        try {
            // the PostgreSQL driver lives in lib/, off the launcher's class path, where DriverManager cannot see it
            java.sql.Driver driver = null;
            if (EvidenceStores.isPostgres(location.get())) {
                try {
                    driver = LibLoader.load(java.sql.Driver.class).orElseThrow(() -> new StoreException(
                            "the PostgreSQL driver is not installed beside this CLI (lib/postgresql-*.jar)"));
                } catch (java.io.IOException e) {
                    throw new StoreException("cannot load the PostgreSQL driver: " + e.getMessage(), e);
                }
            }
            return EvidenceStores.open(location.get(), env, driver);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}

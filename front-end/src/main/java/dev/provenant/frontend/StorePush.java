package dev.provenant.frontend;

import dev.provenant.attest.FormatException;
import dev.provenant.store.EvidenceStore;
import dev.provenant.store.EvidenceStores;
import dev.provenant.store.StoreException;
import dev.provenant.store.StoredBundle;
import java.io.IOException;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Opening the evidence store a front end's store setting names, and pushing signed bundles to it: the
 * one code path of the CLI's {@code store push}, of {@code --store} on {@code sign}, {@code attest} and
 * {@code provenance}, and of the Maven plugin's {@code store} parameter. The location is the setting's
 * value, else {@value EvidenceStores#URL_VARIABLE}; credentials come from the environment or files only
 * (see {@link EvidenceStores}). A store that fails is a {@link StoreException} naming it, which {@link
 * Failure#of} classifies as a service failure.
 */
public final class StorePush {
    private final FrontEnd frontEnd;
    private final Map<String, String> env;
    private final DriverSource drivers;

    /** Where the PostgreSQL driver comes from: a front end may keep it off its class path. */
    @FunctionalInterface
    public interface DriverSource {
        Optional<Driver> driver() throws IOException;
    }

    /** What {@link #push} stored, and where. */
    public record Pushed(String store, List<StoredBundle> bundles) {
        public Pushed {
            bundles = List.copyOf(bundles);
        }
    }

    public StorePush(FrontEnd frontEnd, Map<String, String> env, DriverSource drivers) {
        this.frontEnd = frontEnd;
        this.env = Map.copyOf(env);
        this.drivers = drivers;
    }

    /** The PostgreSQL driver as found next to this class (the Maven plugin's class realm, a library user's class path). */
    public static DriverSource besideFrontEnd() {
        return () -> ServiceLoader.load(Driver.class, StorePush.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).filter(StorePush::isPostgres).findFirst();
    }

    private static boolean isPostgres(Driver d) {
        try {
            return d.acceptsURL("jdbc:postgresql://localhost/x");
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    /**
     * The store to use: {@code given}, else {@value EvidenceStores#URL_VARIABLE}. Checked before anything
     * is signed, so that a build with no store configured stops early.
     *
     * @throws SetupException when neither names one, or the location holds a password or is no usable URL
     */
    public String location(String given) throws SetupException {
        Optional<String> location = EvidenceStores.location(given, env);
        if (location.isEmpty()) {
            throw new SetupException("no evidence store: " + (frontEnd == FrontEnd.CLI ? "give --store DIR or --store postgresql://HOST/DB"
                    : "configure <store>DIR</store> or <store>postgresql://HOST/DB</store> (-Dprovenant.store=...)")
                    + ", or set " + EvidenceStores.URL_VARIABLE);
        }
        try {
            // before the location appears in any message: it may hold a password
            EvidenceStores.check(location.get());
        } catch (IllegalArgumentException e) {
            throw new SetupException(e.getMessage(), e);
        }
        return location.get();
    }

    /**
     * Opens the store {@code given} (or the environment) names.
     *
     * @throws SetupException when no store is named, or the location holds a password or is no usable URL
     * @throws StoreException when the store cannot be reached or opened; the message names it
     */
    public EvidenceStore open(String given) throws SetupException, StoreException {
        String location = location(given);
        try {
            Driver driver = null;
            if (EvidenceStores.isPostgres(location)) {
                try {
                    driver = drivers.driver().orElseThrow(() -> new StoreException("cannot open the evidence store " + location
                            + ": the PostgreSQL driver (org.postgresql:postgresql) is not installed"));
                } catch (IOException e) {
                    throw new StoreException("cannot open the evidence store " + location + ": cannot load the PostgreSQL driver: "
                            + e.getMessage(), e);
                }
            }
            return EvidenceStores.open(location, env, driver);
        } catch (IllegalArgumentException e) {
            throw new SetupException(e.getMessage(), e);
        }
    }

    /**
     * Stores bundles in the store {@code given} names. Storing a bundle again changes nothing.
     *
     * @throws FormatException when a bundle is not a Sigstore bundle
     */
    public Pushed push(String given, List<byte[]> bundles) throws SetupException, StoreException, FormatException {
        List<StoredBundle> stored = new ArrayList<>();
        try (EvidenceStore s = open(given)) {
            for (byte[] content : bundles) {
                stored.add(s.put(content));
            }
            return new Pushed(s.name(), stored);
        }
    }

    /** A bundle a front end has written, and where: a file, or {@code -} for stdout. */
    public record Written(String file, byte[] bundle) {}

    /**
     * Pushes a bundle the front end has just written to {@code written} (a file, or {@code -} for stdout).
     * When the store fails, the failure says that the written bundle stays, to be pushed later.
     */
    public Pushed pushWritten(String given, byte[] bundle, String written) throws SetupException, StoreException, FormatException {
        return pushWritten(given, List.of(new Written(written, bundle)));
    }

    /**
     * Pushes bundles the front end has just written, in one connection. When the store fails, the failure
     * names the store and says that the written bundle files stay, to be pushed later.
     */
    public Pushed pushWritten(String given, List<Written> written) throws SetupException, StoreException, FormatException {
        List<byte[]> bundles = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (Written w : written) {
            bundles.add(w.bundle());
            if (!"-".equals(w.file())) {
                files.add(w.file());
            }
        }
        try {
            return push(given, bundles);
        } catch (StoreException e) {
            throw new StoreException(e.getMessage() + (files.isEmpty() ? ""
                    : files.size() == 1 ? "; the bundle " + files.get(0) + " is written: store it later with provenant store push"
                    : "; the bundles " + String.join(", ", files) + " are written: store them later with provenant store push"), e);
        }
    }
}

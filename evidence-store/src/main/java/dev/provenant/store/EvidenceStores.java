package dev.provenant.store;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Opens the store a location names: a folder path, or a PostgreSQL URL ({@code postgresql://HOST[:PORT]/DB}
 * or {@code jdbc:postgresql://...}). Without a location, {@value #URL_VARIABLE} names it. A password is
 * never part of the location (which may come from a command line): it comes from the file
 * {@value #PASSWORD_FILE_VARIABLE} names, else {@code PGPASSWORD}, else the driver's own
 * {@code PGPASSFILE} / {@code ~/.pgpass} lookup. The user comes from the URL's {@code user} parameter or
 * user part, else {@code PGUSER}.
 */
public final class EvidenceStores {
    public static final String URL_VARIABLE = "PROVENANT_STORE_URL";
    public static final String PASSWORD_FILE_VARIABLE = "PROVENANT_STORE_PASSWORD_FILE";
    /** Seconds to wait for the connection and for a login. */
    public static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** Seconds a single statement may wait on the socket. */
    public static final int SOCKET_TIMEOUT_SECONDS = 300;

    private EvidenceStores() {}

    /** The location to use: the given one, else the environment's, else empty. */
    public static Optional<String> location(String given, Map<String, String> env) {
        if (given != null && !given.isBlank()) {
            return Optional.of(given);
        }
        String fromEnv = env.get(URL_VARIABLE);
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(fromEnv);
    }

    public static boolean isPostgres(String location) {
        String l = location.toLowerCase(Locale.ROOT);
        return l.startsWith("postgresql://") || l.startsWith("postgres://") || l.startsWith("jdbc:postgresql:");
    }

    /**
     * Checks a location without opening it, so that a front end can refuse it before doing any work.
     *
     * @throws IllegalArgumentException when a PostgreSQL location holds a password or is not a usable URL
     */
    public static void check(String location) {
        if (isPostgres(location)) {
            jdbcUrl(location, new Properties());
        }
    }

    /**
     * Opens the store.
     *
     * @throws IllegalArgumentException when the location holds a password or is not a usable URL
     */
    public static EvidenceStore open(String location, Map<String, String> env) throws StoreException {
        return open(location, env, null);
    }

    /**
     * Opens the store, connecting to PostgreSQL through {@code driver} when it is given (an application
     * that keeps the driver off its class path, where {@link java.sql.DriverManager} cannot see it).
     *
     * @throws IllegalArgumentException when the location holds a password or is not a usable URL
     */
    public static EvidenceStore open(String location, Map<String, String> env, java.sql.Driver driver) throws StoreException {
        if (!isPostgres(location)) {
            return FolderStore.open(Path.of(location));
        }
        Properties properties = new Properties();
        String jdbc = jdbcUrl(location, properties);
        if (!properties.containsKey("user") && env.get("PGUSER") != null) {
            properties.setProperty("user", env.get("PGUSER"));
        }
        String passwordFile = env.get(PASSWORD_FILE_VARIABLE);
        if (passwordFile != null && !passwordFile.isBlank()) {
            try {
                byte[] bytes = dev.provenant.attest.io.BoundedFile.read(Path.of(passwordFile), dev.provenant.attest.io.InputLimit.TOKEN);
                properties.setProperty("password", new String(bytes, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the store password file " + passwordFile + " (" + PASSWORD_FILE_VARIABLE
                        + "): " + e.getMessage());
            }
        } else if (env.get("PGPASSWORD") != null) {
            properties.setProperty("password", env.get("PGPASSWORD"));
        }
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "provenant");
        return PostgresStore.open(jdbc, properties, driver);
    }

    /** The driver URL for a location, with the user moved into {@code properties}; refuses a password in it. */
    static String jdbcUrl(String location, Properties properties) {
        String rest = location.replaceFirst("(?i)^jdbc:", "");
        URI uri;
        try {
            uri = new URI(rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the store URL is not a URL: " + e.getMessage());
        }
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        for (String param : query.split("&")) {
            String key = param.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (key.equals("password") || key.equals("sslpassword")) {
                throw new IllegalArgumentException("the store URL holds a password; put it in the file " + PASSWORD_FILE_VARIABLE
                        + " names, in PGPASSWORD or in a PGPASSFILE instead");
            }
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            if (userInfo.contains(":")) {
                throw new IllegalArgumentException("the store URL holds a password; put it in the file " + PASSWORD_FILE_VARIABLE
                        + " names, in PGPASSWORD or in a PGPASSFILE instead");
            }
            properties.setProperty("user", java.net.URLDecoder.decode(userInfo, StandardCharsets.UTF_8));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the store URL names no host: postgresql://HOST[:PORT]/DATABASE");
        }
        String host = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
        return "jdbc:postgresql://" + host + path + (query.isEmpty() ? "" : "?" + query);
    }
}

package dev.provenant.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, throwaway PostgreSQL cluster for tests: {@code initdb} into a temporary folder, then
 * {@code postgres} on a free loopback port, with password (SCRAM) authentication. PostgreSQL refuses to
 * run as root, so as root (CI) both run as {@code nobody} through {@code setpriv}, with the folder given to
 * that user. One cluster serves a test JVM; each test takes a fresh database from {@link #newDatabase}.
 * Without PostgreSQL's binaries (Debian's {@code postgresql} package) the tests that need it are skipped,
 * with one line saying so. The cli module's ITs use it from this module's test-jar.
 */
public final class PostgresCluster {
    public static final String USER = "provenant";
    public static final String PASSWORD = "test-only-password";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresCluster shared;

    private final Path dir;
    private final Path bin;
    private final int port;
    private final boolean asNobody;

    private PostgresCluster(Path dir, Path bin, int port, boolean asNobody) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.asNobody = asNobody;
    }

    /** The JVM's cluster, started on first use; skips the calling test when PostgreSQL is not installed. */
    public static synchronized PostgresCluster get() {
        Path bin = binaries();
        Assumptions.assumeTrue(bin != null, "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): skipping the"
                + " PostgreSQL evidence-store tests; install Debian's postgresql package to run them");
        if (shared == null) {
            try {
                shared = start(bin);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("could not start a PostgreSQL test cluster: " + e.getMessage(), e);
            }
            PostgresCluster cluster = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop));
        }
        return shared;
    }

    static Path binaries() {
        String given = System.getProperty("provenant.postgresql.bin");
        if (given != null && !given.isBlank()) {
            return Files.isExecutable(Path.of(given, "initdb")) ? Path.of(given) : null;
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparing(p -> p.getParent().getFileName().toString(), PostgresCluster::byNumber))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int byNumber(String a, String b) {
        try {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private static PostgresCluster start(Path bin) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("provenant-pg-");
        Path pw = dir.resolve("pw");
        Files.writeString(pw, PASSWORD + "\n", StandardCharsets.UTF_8);
        if (root) {
            run(List.of("chown", "-R", "nobody:nogroup", dir.toString()), dir, false);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PostgresCluster cluster = new PostgresCluster(dir, bin, port, root);
        cluster.pg(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER, "--pwfile=" + pw,
                "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"));
        cluster.pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c max_connections=60", "start"));
        return cluster;
    }

    private void pg(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asNobody) {
            full.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        }
        full.addAll(command);
        run(full, dir, true);
    }

    private static void run(List<String> command, Path dir, boolean quiet) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("cmd.out").toFile());
        builder.environment().put("LC_ALL", "C");
        Process p = builder.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish in 120 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": "
                    + Files.readString(dir.resolve("cmd.out")).strip());
        }
    }

    int port() {
        return port;
    }

    /** The database as a Provenant store location names it (the password goes in PGPASSWORD or a file). */
    public String location(String database) {
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + database;
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    Properties credentials() {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", PASSWORD);
        return p;
    }

    /** A new, empty database; its name. */
    public String newDatabase() {
        String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), credentials()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database: " + e.getMessage(), e);
        }
        return name;
    }

    /** Runs SQL as the database owner, as someone with full access to the database would. */
    void sql(String database, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(database), credentials()); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    PostgresStore open(String database) throws StoreException {
        return PostgresStore.open(url(database), credentials());
    }

    private void stop() {
        try {
            pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
        } catch (IOException | InterruptedException e) {
            // the JVM is exiting; the folder is removed below either way
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}

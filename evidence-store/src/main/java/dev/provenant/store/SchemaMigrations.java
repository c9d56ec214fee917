package dev.provenant.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

/**
 * Brings a PostgreSQL database to the schema this release uses, from the versioned SQL files kept
 * beside this class ({@code migration/V<N>__<name>.sql}). Applied versions are recorded with the SHA-256
 * of their file in {@code provenant_schema}; a recorded file whose text has changed, or a database newer
 * than this release, is refused. All pending versions run in one transaction under an advisory lock, so
 * runners starting together migrate once.
 */
public final class SchemaMigrations {
    /** Every migration, in order; version N is the Nth. */
    static final List<String> MIGRATIONS = List.of("V1__evidence_store.sql");
    /** The advisory lock key migrations take ("PROVSCHM"). */
    private static final long LOCK = 0x50524f5653434d4dL;

    private SchemaMigrations() {}

    /** Applies the pending migrations and returns the schema version the database is now at. */
    public static int apply(Connection connection) throws SQLException, StoreException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
                s.execute("CREATE TABLE IF NOT EXISTS provenant_schema (version integer PRIMARY KEY, name text NOT NULL,"
                        + " sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            }
            int applied = 0;
            try (Statement s = connection.createStatement();
                    ResultSet rows = s.executeQuery("SELECT version, name, sha256 FROM provenant_schema ORDER BY version")) {
                while (rows.next()) {
                    int version = rows.getInt(1);
                    if (version > MIGRATIONS.size()) {
                        throw new StoreException("the store's schema is at version " + version + ", newer than this Provenant's "
                                + MIGRATIONS.size() + "; upgrade Provenant");
                    }
                    String name = MIGRATIONS.get(version - 1);
                    if (!name.equals(rows.getString(2)) || !sha256(sql(name)).equals(rows.getString(3))) {
                        throw new StoreException("schema migration " + version + " recorded in the store is not " + name
                                + " as this Provenant has it; the schema was changed by hand or by another build");
                    }
                    applied = version;
                }
            }
            for (int v = applied + 1; v <= MIGRATIONS.size(); v++) {
                String name = MIGRATIONS.get(v - 1);
                String sql = sql(name);
                try (Statement s = connection.createStatement()) {
                    s.execute(sql);
                }
                try (PreparedStatement p = connection.prepareStatement("INSERT INTO provenant_schema (version, name, sha256) VALUES (?, ?, ?)")) {
                    p.setInt(1, v);
                    p.setString(2, name);
                    p.setString(3, sha256(sql));
                    p.executeUpdate();
                }
            }
            connection.commit();
            return MIGRATIONS.size();
        } catch (SQLException | StoreException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    static String sql(String name) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream("migration/" + name)) {
            if (in == null) {
                throw new IllegalStateException("schema migration " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("schema migration " + name + " is unreadable", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

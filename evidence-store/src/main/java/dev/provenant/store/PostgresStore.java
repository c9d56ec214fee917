package dev.provenant.store;

import dev.provenant.attest.FormatException;
import dev.provenant.attest.digest.Digest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The team back end: a PostgreSQL database that many runners share, through the official JDBC driver.
 * Opening it applies the pending {@link SchemaMigrations}. An append runs in one transaction that
 * first takes {@code LOCK TABLE decision_leaf IN SHARE ROW EXCLUSIVE MODE} (which conflicts with itself
 * but not with readers), so appenders on any number of machines take turns; the primary key on
 * {@code leaf_index} and the unique tree size of {@code decision_checkpoint} refuse a duplicate even
 * if that lock were bypassed. A connection dropped mid-append rolls the transaction back.
 */
public final class PostgresStore implements EvidenceStore {
    /** Rows fetched per round trip when streaming the log. */
    private static final int FETCH = 2000;

    private final String name;
    private final Connection connection;

    private PostgresStore(String name, Connection connection) {
        this.name = name;
        this.connection = connection;
    }

    /**
     * Connects and migrates.
     *
     * @param jdbcUrl a {@code jdbc:postgresql:} URL without a password
     * @param properties the driver's connection properties (user, password, timeouts)
     */
    public static PostgresStore open(String jdbcUrl, Properties properties) throws StoreException {
        return open(jdbcUrl, properties, null);
    }

    /**
     * Connects through {@code driver} (or {@link DriverManager} when it is null) and migrates.
     *
     * @param jdbcUrl a {@code jdbc:postgresql:} URL without a password
     * @param properties the driver's connection properties (user, password, timeouts)
     */
    public static PostgresStore open(String jdbcUrl, Properties properties, java.sql.Driver driver) throws StoreException {
        Connection connection;
        try {
            connection = driver == null ? DriverManager.getConnection(jdbcUrl, properties) : driver.connect(jdbcUrl, properties);
            if (connection == null) {
                throw new SQLException("the driver " + driver.getClass().getName() + " does not accept this URL");
            }
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the evidence store " + jdbcUrl + ": " + oneLine(e), e);
        }
        try {
            SchemaMigrations.apply(connection);
            connection.setAutoCommit(true);
            return new PostgresStore(jdbcUrl, connection);
        } catch (SQLException | StoreException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already failing
            }
            if (e instanceof StoreException s) {
                throw new StoreException(jdbcUrl + ": " + s.getMessage(), s);
            }
            throw new StoreException("cannot prepare the evidence store " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    private static String oneLine(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ');
    }

    private StoreException failed(String what, SQLException e) {
        return new StoreException(what + " in the evidence store " + name + " failed: " + oneLine(e), e);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public StoredBundle put(byte[] bundle) throws StoreException, FormatException {
        StoredBundle facts = StoredBundle.of(bundle);
        try {
            inTransaction(() -> {
                try (PreparedStatement p = connection.prepareStatement("INSERT INTO bundle (digest, content, predicate_type, signer)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (digest) DO NOTHING")) {
                    p.setString(1, facts.digest().toString());
                    p.setBytes(2, bundle);
                    p.setString(3, facts.predicateType().orElse(null));
                    p.setString(4, facts.signer());
                    p.executeUpdate();
                }
                try (PreparedStatement p = connection.prepareStatement("INSERT INTO bundle_subject (subject_digest, bundle_digest)"
                        + " VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                    for (String subject : facts.subjects()) {
                        p.setString(1, subject);
                        p.setString(2, facts.digest().toString());
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                return null;
            });
        } catch (SQLException e) {
            throw failed("storing bundle " + facts.digest(), e);
        }
        return facts;
    }

    @Override
    public List<StoredBundle> find(String subject, Optional<String> predicateType, Optional<String> signer) throws StoreException {
        StringBuilder sql = new StringBuilder("SELECT b.digest, b.predicate_type, b.signer, ARRAY(SELECT x.subject_digest FROM"
                + " bundle_subject x WHERE x.bundle_digest = b.digest ORDER BY x.subject_digest) FROM bundle_subject s JOIN bundle b"
                + " ON b.digest = s.bundle_digest WHERE s.subject_digest = ?");
        predicateType.ifPresent(t -> sql.append(" AND b.predicate_type = ?"));
        signer.ifPresent(t -> sql.append(" AND b.signer = ?"));
        sql.append(" ORDER BY b.stored_at, b.digest");
        List<StoredBundle> out = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(sql.toString())) {
            int i = 1;
            p.setString(i++, subject);
            if (predicateType.isPresent()) {
                p.setString(i++, predicateType.get());
            }
            if (signer.isPresent()) {
                p.setString(i, signer.get());
            }
            try (ResultSet rows = p.executeQuery()) {
                while (rows.next()) {
                    Array subjects = rows.getArray(4);
                    out.add(new StoredBundle(Digest.parse(rows.getString(1)), List.of((String[]) subjects.getArray()),
                            Optional.ofNullable(rows.getString(2)), rows.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw failed("finding bundles of " + subject, e);
        }
        return out;
    }

    @Override
    public Optional<byte[]> bundle(String digest) throws StoreException {
        try (PreparedStatement p = connection.prepareStatement("SELECT content FROM bundle WHERE digest = ?")) {
            p.setString(1, digest);
            try (ResultSet rows = p.executeQuery()) {
                return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("reading bundle " + digest, e);
        }
    }

    @Override
    public <T> T appendLocked(Append<T> work) throws StoreException {
        try {
            return inTransaction(() -> {
                try (Statement s = connection.createStatement()) {
                    s.execute("LOCK TABLE decision_leaf IN SHARE ROW EXCLUSIVE MODE");
                }
                return work.run(new LogTail() {
                    @Override
                    public List<byte[]> leafHashes() throws StoreException {
                        List<byte[]> hashes = new ArrayList<>();
                        try (PreparedStatement p = connection.prepareStatement("SELECT leaf_hash FROM decision_leaf ORDER BY leaf_index")) {
                            p.setFetchSize(FETCH * 10);
                            try (ResultSet rows = p.executeQuery()) {
                                while (rows.next()) {
                                    hashes.add(rows.getBytes(1));
                                }
                            }
                        } catch (SQLException e) {
                            throw failed("reading the decision log", e);
                        }
                        return hashes;
                    }

                    @Override
                    public Optional<String> lastCheckpoint() throws StoreException {
                        try (Statement s = connection.createStatement();
                                ResultSet rows = s.executeQuery("SELECT note FROM decision_checkpoint ORDER BY position DESC LIMIT 1")) {
                            return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                        } catch (SQLException e) {
                            throw failed("reading the decision log's checkpoint", e);
                        }
                    }

                    @Override
                    public void write(long index, byte[] leaf, byte[] leafHash, List<String> subjects, long treeSize, String checkpoint)
                            throws StoreException {
                        try {
                            try (PreparedStatement p = connection.prepareStatement(
                                    "INSERT INTO decision_leaf (leaf_index, content, leaf_hash) VALUES (?, ?, ?)")) {
                                p.setLong(1, index);
                                p.setBytes(2, leaf);
                                p.setBytes(3, leafHash);
                                p.executeUpdate();
                            }
                            try (PreparedStatement p = connection.prepareStatement(
                                    "INSERT INTO decision_subject (subject_digest, leaf_index) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                                for (String subject : subjects) {
                                    p.setString(1, subject);
                                    p.setLong(2, index);
                                    p.addBatch();
                                }
                                p.executeBatch();
                            }
                            try (PreparedStatement p = connection.prepareStatement(
                                    "INSERT INTO decision_checkpoint (tree_size, note) VALUES (?, ?)")) {
                                p.setLong(1, treeSize);
                                p.setString(2, checkpoint);
                                p.executeUpdate();
                            }
                        } catch (SQLException e) {
                            throw failed("appending leaf " + index + " to the decision log", e);
                        }
                    }
                });
            });
        } catch (SQLException e) {
            throw failed("appending to the decision log", e);
        }
    }

    @Override
    public void forEachLeaf(LeafVisitor visitor) throws StoreException {
        try {
            inTransaction(() -> {
                try (PreparedStatement p = connection.prepareStatement("SELECT leaf_index, content FROM decision_leaf ORDER BY leaf_index")) {
                    p.setFetchSize(FETCH);
                    try (ResultSet rows = p.executeQuery()) {
                        while (rows.next()) {
                            visitor.leaf(rows.getLong(1), rows.getBytes(2));
                        }
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw failed("reading the decision log", e);
        }
    }

    @Override
    public List<StoredCheckpoint> checkpoints() throws StoreException {
        List<StoredCheckpoint> out = new ArrayList<>();
        try {
            inTransaction(() -> {
                try (PreparedStatement p = connection.prepareStatement("SELECT tree_size, note FROM decision_checkpoint ORDER BY position")) {
                    p.setFetchSize(FETCH);
                    try (ResultSet rows = p.executeQuery()) {
                        while (rows.next()) {
                            out.add(new StoredCheckpoint(out.size(), rows.getLong(1), rows.getString(2)));
                        }
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw failed("reading the decision log's checkpoints", e);
        }
        return out;
    }

    @Override
    public List<Long> decisionsFor(String subject) throws StoreException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT leaf_index FROM decision_subject WHERE subject_digest = ? ORDER BY leaf_index")) {
            p.setString(1, subject);
            try (ResultSet rows = p.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw failed("finding decisions about " + subject, e);
        }
        return out;
    }

    @Override
    public Optional<byte[]> leaf(long index) throws StoreException {
        try (PreparedStatement p = connection.prepareStatement("SELECT content FROM decision_leaf WHERE leaf_index = ?")) {
            p.setLong(1, index);
            try (ResultSet rows = p.executeQuery()) {
                return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("reading leaf " + index, e);
        }
    }

    @Override
    public void close() throws StoreException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failed("closing the connection", e);
        }
    }

    private interface Work<T> {
        T run() throws SQLException, StoreException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    private <T> T inTransaction(Work<T> work) throws SQLException, StoreException {
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | StoreException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is gone; the server rolls the transaction back
            }
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is gone
            }
        }
    }
}

package dev.mixdown.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Real PostgreSQL binaries from Maven, run from a data folder that survives restarts, listening on
 * 127.0.0.1 only and asking every connection, TCP or Unix socket, for the password (SCRAM).
 */
public final class EmbeddedDatabase implements AutoCloseable {
    /** Every rule asks for the password: local (Unix socket) and loopback TCP, nothing else. */
    static final String PG_HBA = """
            # written by Mixdown's local cluster (EmbeddedDatabase): a password for every connection
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;
    private final Path dataDir;
    private final int port;
    private final String password;
    private EmbeddedPostgres postgres;

    /** @param password the password of the user {@value ClusterSecrets#DB_USER}, set when the folder is made */
    public EmbeddedDatabase(Path dataDir, int port, String password) {
        this.dataDir = dataDir;
        this.port = port;
        this.password = password;
    }

    public synchronized EmbeddedDatabase start() throws IOException {
        Files.createDirectories(dataDir);
        boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
        Path pwfile = dataDir.resolveSibling(dataDir.getFileName() + ".pwfile");
        if (fresh) {
            // initdb sets the password and password auth from the start: no moment with trust
            Files.deleteIfExists(pwfile);
            Files.createFile(pwfile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(pwfile, password + "\n");
        }
        try {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setConnectConfig("password", password);
            if (fresh) {
                b.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", pwfile.toString());
            }
            postgres = b.start();
        } finally {
            Files.deleteIfExists(pwfile);
        }
        requirePasswords();
        return this;
    }

    /**
     * Brings a data folder made before passwords were asked for (trust auth) onto them: sets the
     * password, rewrites pg_hba.conf and reloads. A folder already on passwords is left alone.
     */
    private void requirePasswords() throws IOException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), user(), password);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from pg_hba_file_rules where auth_method <> 'scram-sha-256'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return;
            }
            try (Statement alter = c.createStatement()) {
                alter.execute("alter role " + user() + " password '" + password.replace("'", "''") + "'");
            }
            Files.writeString(dataDir.resolve("pg_hba.conf"), PG_HBA);
            try (Statement reload = c.createStatement()) {
                reload.execute("select pg_reload_conf()");
            }
        } catch (SQLException e) {
            throw new IOException("could not set up password authentication of PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** JDBC URL of the "postgres" database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return ClusterSecrets.DB_USER;
    }

    public String password() {
        return password;
    }

    @Override
    public synchronized void close() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}

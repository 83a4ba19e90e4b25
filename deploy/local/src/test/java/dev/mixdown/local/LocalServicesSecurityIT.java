package dev.mixdown.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixdown.jobs.storage.ObjectStorage;
import dev.mixdown.jobs.storage.StorageException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local cluster's services as {@code ./mixdown up} starts them (ServicesMain), seen from
 * another program on the developer's machine: they listen on 127.0.0.1 only, and nothing answers
 * without the secrets made for this data folder.
 */
@DisplayName("The local cluster's services on a developer machine")
class LocalServicesSecurityIT {
    @TempDir
    static Path data;
    static ClusterLayout layout;
    static ServicesMain.Services services;

    @BeforeAll
    static void up() throws Exception {
        StringBuilder ports = new StringBuilder();
        for (String name : List.of("postgres.port", "kafka.port", "controller.port", "s3.port", "gateway.port")) {
            ports.append(name).append('=').append(TestServices.freePort()).append('\n');
        }
        Files.writeString(data.resolve("cluster.properties"), ports.toString());
        layout = ClusterLayout.load(data);
        services = ServicesMain.start(layout);
    }

    @AfterAll
    static void down() throws Exception {
        services.close();
    }

    @Test
    @DisplayName("make the secrets at random for each data folder, readable by the owner only, and keep them across restarts")
    void secretsPerDataFolder(@TempDir Path other) throws Exception {
        Path file = data.resolve(ClusterSecrets.FILE);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        ClusterSecrets mine = ClusterSecrets.load(data);
        assertEquals(mine, layout.secrets(), "the same folder gives the same secrets");
        ClusterSecrets theirs = ClusterSecrets.load(other);
        assertNotEquals(mine.s3SecretKey(), theirs.s3SecretKey());
        assertNotEquals(mine.dbPassword(), theirs.dbPassword());
        assertTrue(mine.dbPassword().length() >= 32 && mine.s3SecretKey().length() >= 32, "long random secrets");
        assertTrue(!mine.toString().contains(mine.dbPassword()) && !mine.toString().contains(mine.s3SecretKey()),
                "toString shows no secret: " + mine);
    }

    @Test
    @DisplayName("refuse a PostgreSQL connection without the password or with a wrong one, and ask every rule for a SCRAM password")
    void databaseAsksForThePassword() throws Exception {
        String url = layout.jdbcUrl();
        SQLException none = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, ClusterSecrets.DB_USER, null).close());
        assertTrue(none.getMessage().contains("password"), none.getMessage());
        SQLException wrong = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, ClusterSecrets.DB_USER, "postgres").close());
        assertEquals("28P01", wrong.getSQLState(), wrong.getMessage());

        try (Connection c = DriverManager.getConnection(url, ClusterSecrets.DB_USER, layout.secrets().dbPassword());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select type, auth_method from pg_hba_file_rules")) {
            int rules = 0;
            while (rs.next()) {
                rules++;
                assertEquals("scram-sha-256", rs.getString("auth_method"), "the " + rs.getString("type") + " rule");
            }
            assertTrue(rules > 0);
        }
    }

    @Test
    @DisplayName("refuse the object store's former fixed credentials and serve the folder's own")
    void objectStoreAsksForTheFolderSecret() throws Exception {
        ClusterSecrets secrets = layout.secrets();
        try (ObjectStorage old = new ObjectStorage(layout.s3Endpoint(), "mixdown", "mixdown-local-secret", "mixdown")) {
            assertThrows(StorageException.class, old::ensureBucket);
        }
        try (ObjectStorage own = new ObjectStorage(layout.s3Endpoint(), secrets.s3AccessKey(), secrets.s3SecretKey(), "mixdown")) {
            own.ensureBucket();
            assertTrue(own.list("").isEmpty());
        }
    }

    @Test
    @DisplayName("listen on 127.0.0.1 only: PostgreSQL, both Kafka listeners and S3Proxy")
    void loopbackOnly() throws Exception {
        Set<Integer> ports = Set.of(layout.postgresPort(), layout.kafkaPort(), layout.controllerPort(), layout.s3Port());
        List<ListeningSockets.Socket> sockets = ListeningSockets.on(ports);

        assertEquals(ports, sockets.stream().map(ListeningSockets.Socket::port).collect(Collectors.toSet()), "each port listens: " + sockets);
        assertTrue(sockets.stream().allMatch(ListeningSockets.Socket::loopbackV4), "bound to 127.0.0.1 only: " + sockets);
    }

    @Test
    @DisplayName("bring a data folder made with trust authentication onto the password when it starts")
    void trustFolderIsMigrated(@TempDir Path old) throws Exception {
        Path pg = old.resolve("postgres");
        int port = TestServices.freePort();
        try (EmbeddedPostgres before = EmbeddedPostgres.builder().setDataDirectory(pg).setCleanDataDirectory(false).setPort(port).start()) {
            DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", null).close();
        }

        try (EmbeddedDatabase db = new EmbeddedDatabase(pg, port, "the-new-password").start()) {
            assertThrows(SQLException.class, () -> DriverManager.getConnection(db.jdbcUrl(), db.user(), null).close());
            DriverManager.getConnection(db.jdbcUrl(), db.user(), "the-new-password").close();
        }
    }
}

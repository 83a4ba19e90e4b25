package dev.mixdown.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;

/**
 * The local cluster's credentials: the object store's access and secret key and PostgreSQL's
 * password. Made at random the first time a data folder is used, kept in its
 * {@code secrets.properties} (readable by its owner only) and reused on every restart, so files
 * and jobs stay reachable. The services process reads them from that file; the gateway and
 * workers get them in their environment, never on a command line that {@code ps} shows.
 */
public record ClusterSecrets(String s3AccessKey, String s3SecretKey, String dbPassword) {
    public static final String FILE = "secrets.properties";
    /** PostgreSQL's superuser, which the gateway logs in as; the password is what guards it. */
    public static final String DB_USER = "postgres";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @Override
    public String toString() {
        return "ClusterSecrets[s3AccessKey=" + s3AccessKey + ", s3SecretKey=…, dbPassword=…]";
    }

    /** The secrets of the data folder {@code data}, made and stored on its first use. */
    public static ClusterSecrets load(Path data) throws IOException {
        Path file = data.resolve(FILE);
        if (!Files.exists(file)) {
            Files.createDirectories(data);
            Properties p = new Properties();
            p.setProperty("s3.access-key", "mixdown-" + random(6));
            p.setProperty("s3.secret-key", random(24));
            p.setProperty("db.password", random(24));
            writeOwnerOnly(file, p);
        }
        restrictToOwner(file);
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return new ClusterSecrets(p.getProperty("s3.access-key"), p.getProperty("s3.secret-key"), p.getProperty("db.password"));
    }

    /** Writes {@code p} to {@code file} through a file that is owner-only from its creation, so no reader catches it open. */
    private static void writeOwnerOnly(Path file, Properties p) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp); // not a POSIX file system: the data folder's own permissions have to do
        }
        try (Writer out = Files.newBufferedWriter(tmp)) {
            p.store(out, "secrets of this local Mixdown cluster; delete the data folder to start afresh");
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.delete(tmp); // another process made them first: theirs are kept
        }
    }

    /** Makes {@code file} owner-only (rw-------) when the file system knows permissions. */
    static void restrictToOwner(Path file) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the data folder's own permissions have to do
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

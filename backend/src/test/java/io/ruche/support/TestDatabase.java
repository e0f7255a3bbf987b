package io.ruche.support;

import io.ruche.platform.EmbeddedMariaDb;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one database of a test run: the server named by RUCHE_TEST_DATASOURCE_URL (with _USERNAME and _PASSWORD)
 * when set, otherwise the embedded MariaDB under target/. It is emptied once, when the run first asks for it;
 * every test context of the run then shares it.
 */
public final class TestDatabase {

    private static String url;
    private static String username;
    private static String password;

    private TestDatabase() {
    }

    /** Whether this JVM runs the shared test database (integration tests) rather than a packaged jar (browser). */
    public static synchronized boolean running() {
        return url != null;
    }

    public static synchronized String url() {
        if (url == null) {
            String external = System.getenv("RUCHE_TEST_DATASOURCE_URL");
            if (external != null && !external.isBlank()) {
                url = external;
                username = System.getenv().getOrDefault("RUCHE_TEST_DATASOURCE_USERNAME", "root");
                password = System.getenv().getOrDefault("RUCHE_TEST_DATASOURCE_PASSWORD", "");
            } else {
                String base = System.getProperty("ruche.test.base-dir", "target");
                url = EmbeddedMariaDb.start(Path.of(base, "test-data"));
                username = EmbeddedMariaDb.USER;
                password = EmbeddedMariaDb.password();
            }
            emptyDatabase();
            // Migrate now, so scenarios that prepare rows before any application starts find the schema.
            org.flywaydb.core.Flyway.configure().dataSource(url, username, password)
                    .locations("classpath:db/migration").load().migrate();
        }
        return url;
    }

    /** Configuration that points an application context at this database. */
    public static java.util.Map<String, String> properties() {
        return java.util.Map.of(
                "datasources.default.url", url(),
                "datasources.default.username", username,
                "datasources.default.password", password);
    }

    public static String username() {
        url();
        return username;
    }

    public static String password() {
        url();
        return password;
    }

    /** Runs statements directly, for scenarios that need a state no API produces (no admin yet). */
    public static void execute(String... statements) {
        try (Connection connection = DriverManager.getConnection(url(), username, password);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A second, empty database on the same server, for scenarios that need a forum with nothing in it. */
    public static java.util.Map<String, Object> freshDatabase(String name) {
        execute("DROP DATABASE IF EXISTS `" + name + "`",
                "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        String base = url().substring(0, url().lastIndexOf('/') + 1);
        return new java.util.HashMap<>(java.util.Map.of("datasources.default.url", base + name,
                "datasources.default.username", username, "datasources.default.password", password));
    }

    public static String queryString(String sql) {
        try (Connection connection = DriverManager.getConnection(url(), username, password);
             Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void emptyDatabase() {
        try (Connection connection = DriverManager.getConnection(url, username, password);
             Statement statement = connection.createStatement()) {
            String schema = connection.getCatalog();
            statement.execute("DROP DATABASE IF EXISTS `" + schema + "`");
            statement.execute("CREATE DATABASE `" + schema + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not empty the test database " + url, e);
        }
    }
}

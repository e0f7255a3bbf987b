package io.ruche.support;

import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A database of its own on the test server, migrated up to a version, for upgrade scenarios. */
public final class UpgradeDatabase {

    private UpgradeDatabase() {
    }

    /** Migrates {@code url} up to {@code target} (every migration when null). */
    public static void migrate(String url, String target) {
        var configuration = Flyway.configure().dataSource(url, TestDatabase.username(), TestDatabase.password())
                .locations("classpath:db/migration");
        if (target != null) {
            configuration.target(target);
        }
        configuration.load().migrate();
    }

    public static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, TestDatabase.username(), TestDatabase.password());
    }

    /** The first column of the first row, as text (null when there is none). */
    public static String query(String url, String sql) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}

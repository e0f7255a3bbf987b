package io.ruche.platform.db;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * A database-wide named lock ({@code GET_LOCK}) for one-off work at start-up (the first administrator, the demo
 * seed): several nodes starting together on one empty database do it once, the others wait and then find it done.
 * The lock lives on its own connection, held for the duration, and goes away with it if the node dies.
 */
@Singleton
public class StartupLock {

    private final DataSource dataSource;

    public StartupLock(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        // The raw pool, not the transaction-aware wrapper: this connection must stay outside any transaction.
        this.dataSource = (resolver == null ? DataSourceResolver.DEFAULT : resolver).resolve(dataSource);
    }

    public <T> T holding(String name, Supplier<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement get = connection.prepareStatement("SELECT GET_LOCK(?, 120)")) {
                get.setString(1, name);
                try (ResultSet rs = get.executeQuery()) {
                    if (!rs.next() || rs.getInt(1) != 1) {
                        throw new IllegalStateException("Another node held the start-up lock '" + name
                                + "' for two minutes; start this node again once it is up");
                    }
                }
            }
            try {
                return work.get();
            } finally {
                try (PreparedStatement release = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                    release.setString(1, name);
                    release.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the start-up lock '" + name + "': " + e.getMessage(), e);
        }
    }

    public void run(String name, Runnable work) {
        holding(name, () -> {
            work.run();
            return null;
        });
    }
}

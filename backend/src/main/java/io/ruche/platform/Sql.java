package io.ruche.platform;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Explicit SQL for reads shaped like a page (joins and batched look-ups), on the connection of the current
 * transaction. Callers run inside {@code @Transactional}.
 */
@Singleton
public class Sql {

    private final JdbcOperations jdbc;

    public Sql(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public <T> List<T> query(String sql, List<?> params, RowMapper<T> mapper) {
        return jdbc.prepareStatement(sql, statement -> {
            try {
                bind(statement, params);
                List<T> rows = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        rows.add(mapper.map(rs));
                    }
                }
                return rows;
            } catch (SQLException e) {
                throw new DataAccessException("Query failed: " + sql, e);
            }
        });
    }

    public int update(String sql, List<?> params) {
        return jdbc.prepareStatement(sql, statement -> {
            try {
                bind(statement, params);
                return statement.executeUpdate();
            } catch (SQLException e) {
                throw new DataAccessException("Update failed: " + sql, e);
            }
        });
    }

    /** Runs an INSERT and returns the generated id. */
    public long insert(String sql, List<?> params) {
        return jdbc.execute(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql,
                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                bind(statement, params);
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new DataAccessException("No generated id: " + sql);
                    }
                    return keys.getLong(1);
                }
            } catch (SQLException e) {
                throw new DataAccessException("Insert failed: " + sql, e);
            }
        });
    }

    /**
     * Rows as ordered maps of column label to value, instants as ISO-8601 text: for the member's data export, where
     * each row goes out as JSON as it is.
     */
    public List<java.util.Map<String, Object>> rows(String sql, List<?> params) {
        return query(sql, params, rs -> {
            java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
            java.sql.ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                Object value = rs.getObject(i);
                if (value instanceof Timestamp ts) {
                    value = ts.toInstant().toString();
                } else if (value instanceof java.time.LocalDateTime local) {
                    value = local.toInstant(java.time.ZoneOffset.UTC).toString();
                } else if (value != null && !(value instanceof Number) && !(value instanceof Boolean)
                        && !(value instanceof String)) {
                    value = value.toString();
                }
                row.put(meta.getColumnLabel(i), value);
            }
            return row;
        });
    }

    /** "?, ?, ?" for an IN list of {@code size} values (at least one, so the SQL stays valid). */
    public static String placeholders(int size) {
        return String.join(", ", Collections.nCopies(Math.max(1, size), "?"));
    }

    /** The values of an IN list; an empty list becomes one impossible id. */
    public static List<Object> inList(Collection<?> values) {
        return values.isEmpty() ? List.of(-1L) : List.copyOf(values);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static void bind(PreparedStatement statement, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            if (value instanceof Instant instant) {
                statement.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (value instanceof Enum<?> e) {
                statement.setString(i + 1, e.name());
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}

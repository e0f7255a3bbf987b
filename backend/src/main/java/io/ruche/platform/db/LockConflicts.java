package io.ruche.platform.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;
import java.net.ConnectException;

/** Recognises, in a chain of causes, the database failures that call for a retry or a 503 rather than a 500. */
public final class LockConflicts {

    /** MariaDB's "Deadlock found when trying to get lock". */
    public static final int DEADLOCK = 1213;
    /** MariaDB's "Lock wait timeout exceeded". */
    public static final int LOCK_WAIT_TIMEOUT = 1205;

    private LockConflicts() {
    }

    /** A deadlock, a lock wait timeout or a serialization failure: running the transaction again may succeed. */
    public static boolean isRetryable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == DEADLOCK
                    || sql.getErrorCode() == LOCK_WAIT_TIMEOUT || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The database cannot be reached (pool timeout, refused or broken connection). */
    public static boolean isUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}

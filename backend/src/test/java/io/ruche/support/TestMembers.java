package io.ruche.support;

import java.util.concurrent.atomic.AtomicInteger;

/** Unique names for members created by tests, so scenarios never collide on the shared database. */
public final class TestMembers {

    public static final String PASSWORD = "Correct horse 42";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestMembers() {
    }

    public static String uniqueName(String prefix) {
        return prefix + "_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + COUNTER.incrementAndGet();
    }

    public static void verifyEmail(String username) {
        // Scenarios start from an established member; newcomer rules have their own tests (ModerationTest).
        TestDatabase.execute("UPDATE members SET email_verified_at = UTC_TIMESTAMP(6), approved_posts = 100 "
                + "WHERE username = '" + username.replace("'", "") + "'");
    }

    /** Makes an existing member an administrator directly in the database. */
    public static void promoteToAdmin(String username) {
        TestDatabase.execute("UPDATE members SET role = 'ADMIN' WHERE username = '" + username.replace("'", "") + "'");
    }
}

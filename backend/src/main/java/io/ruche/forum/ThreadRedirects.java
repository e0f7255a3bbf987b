package io.ruche.forum;

import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Where a merged thread's posts went: its old address (the page, through pages' controller, links in mails and search
 * engines' copies, and the API) answers with a permanent redirect there instead of a 404. A thread merged into one that is merged later
 * follows the chain to the end, in one hop.
 */
@Singleton
public class ThreadRedirects {

    public record Target(long threadId, String slug, int position) {
    }

    private final Sql sql;
    private final Clock clock;

    public ThreadRedirects(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** {@code from} is gone; its posts start at {@code position} in {@code into}. Earlier redirects to it follow. */
    void merged(long from, long into, int position) {
        sql.update("UPDATE thread_redirects SET target_id = ?, position = position + ? - 1 WHERE target_id = ?",
                List.of(into, position, from));
        sql.update("INSERT INTO thread_redirects (thread_id, target_id, position, created_at) VALUES (?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE target_id = VALUES(target_id), position = VALUES(position)",
                List.of(from, into, position, clock.instant()));
    }

    @io.micronaut.transaction.annotation.Transactional(readOnly = true)
    public Optional<Target> of(long threadId) {
        return sql.query("SELECT r.target_id, t.slug, r.position FROM thread_redirects r JOIN threads t "
                        + "ON t.id = r.target_id WHERE r.thread_id = ?", List.of(threadId),
                rs -> new Target(rs.getLong(1), rs.getString(2), rs.getInt(3))).stream().findFirst();
    }
}

package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Staff notes on members (never shown to them) and canned replies moderators insert in their answers. */
@Singleton
public class StaffTools {

    private final Sql sql;
    private final io.ruche.accounts.AccountService accounts;
    private final CannedReplyRepository cannedReplies;
    private final StaffNoteRepository notes;
    private final Clock clock;
    private final AuditLog audit;

    public StaffTools(io.ruche.accounts.AccountService accounts, CannedReplyRepository cannedReplies, StaffNoteRepository notes, Sql sql, Clock clock, AuditLog audit) {
        this.sql = sql;
        this.accounts = accounts;
        this.cannedReplies = cannedReplies;
        this.notes = notes;
        this.clock = clock;
        this.audit = audit;
    }

    @Serdeable
    public record Note(long id, String author, String body, Instant createdAt) {
    }

    private long memberId(String username) {
        return accounts.byUsername(username).id();
    }

    @Transactional(readOnly = true)
    public List<Note> notes(String username) {
        return sql.query("SELECT n.id, m.username, n.body, n.created_at FROM staff_notes n JOIN members m "
                        + "ON m.id = n.author_id WHERE n.member_id = ? ORDER BY n.id DESC LIMIT 100",
                List.of(memberId(username)), rs -> new Note(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Sql.instant(rs, 4)));
    }

    @Transactional
    public List<Note> addNote(long actorId, String username, String body) {
        if (body == null || body.isBlank() || body.length() > 2000) {
            throw Problems.invalidField("body", "validation.note");
        }
        long member = memberId(username);
        notes.save(new StaffNote(null, member, actorId, body.strip(), clock.instant()));
        audit.record(actorId, "member.note", "member", member, username, null);
        return notes(username);
    }

    @Serdeable
    public record Canned(long id, String title, String body, @Nullable String author) {
    }

    @Transactional(readOnly = true)
    public List<Canned> canned() {
        return sql.query("SELECT c.id, c.title, c.body, m.username FROM canned_replies c LEFT JOIN members m "
                + "ON m.id = c.created_by ORDER BY c.title", List.of(), rs -> new Canned(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4)));
    }

    @Transactional
    public Canned addCanned(long actorId, String title, String body) {
        if (title == null || title.isBlank() || title.length() > 120) {
            throw Problems.invalidField("title", "validation.title");
        }
        if (body == null || body.isBlank() || body.length() > 5000) {
            throw Problems.invalidField("body", "validation.body");
        }
        long id = cannedReplies.save(new CannedReply(null, title.strip(), body.strip(), actorId, clock.instant())).id();
        audit.record(actorId, "canned.add", "canned", id, title.strip(), null);
        return canned().stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }

    @Transactional
    public void removeCanned(long actorId, long id) {
        if (cannedReplies.remove(id) == 0) {
            throw Problems.notFound("canned");
        }
        audit.record(actorId, "canned.remove", "canned", id, "", null);
    }
}

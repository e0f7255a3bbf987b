package io.ruche.messages;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.AccountService;
import io.ruche.accounts.Blocks;
import io.ruche.accounts.GroupService;
import io.ruche.accounts.Viewer;
import io.ruche.content.ContentService;
import io.ruche.platform.Problems;
import io.ruche.platform.RateLimiter;
import io.ruche.platform.Sql;
import io.ruche.platform.db.RetryOnConflict;
import io.ruche.platform.events.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Private conversations. Only their participants read them; staff read one only while a participant's flag on it
 * is open (and what they read is told to no one else). A member may leave a conversation, and blocks the members
 * they do not want to hear from: those cannot start a conversation with them or write to one they share alone.
 *
 * <p>Lock order when a message is written: the conversation row, then its participants' rows.
 */
@Singleton
public class Conversations {

    static final int MAX_RECIPIENTS = 20;
    private static final int PAGE = 50;

    private final Sql sql;
    private final AccountService accounts;
    private final GroupService groups;
    private final Blocks blocks;
    private final ContentService content;
    private final RateLimiter rateLimiter;
    private final Outbox outbox;
    private final Clock clock;

    public Conversations(Sql sql, AccountService accounts, GroupService groups, Blocks blocks, ContentService content,
                         RateLimiter rateLimiter, Outbox outbox, Clock clock) {
        this.sql = sql;
        this.accounts = accounts;
        this.groups = groups;
        this.blocks = blocks;
        this.content = content;
        this.rateLimiter = rateLimiter;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Serdeable
    public record Person(String username, String displayName, String avatarUrl, boolean left) {
    }

    @Serdeable
    public record InboxItem(long id, String subject, @Nullable String group, List<Person> participants,
                            String lastExcerpt, Instant lastMessageAt, int messages, boolean unread) {
    }

    @Serdeable
    public record InboxPage(List<InboxItem> items, @Nullable String nextAfter) {
    }

    @Serdeable
    public record MessageView(long id, Person author, String html, Instant createdAt, boolean mine, boolean canFlag) {
    }

    @Serdeable
    public record ConversationView(long id, String subject, @Nullable String group, List<Person> participants,
                                   List<MessageView> messages, @Nullable Long nextAfter, boolean canReply,
                                   boolean participant, boolean flagged, boolean readAsStaff) {
    }

    /** Starts a conversation with members and, or, a group; the first message goes with it. */
    @RetryOnConflict
    @Transactional
    public ConversationView start(Viewer viewer, List<String> usernames, List<String> groupNames, String subject,
                                  String body) {
        long author = viewer.requireMember();
        accounts.requireMayPost(author);
        rateLimiter.hit("conversations:" + author, 10, Duration.ofHours(1));
        Set<Long> recipients = new LinkedHashSet<>();
        Map<String, Long> found = accounts.idsByUsername(usernames);
        for (String name : usernames) {
            Long id = found.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name.strip()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (id == null || isErased(id)) {
                throw Problems.invalidField("recipients", "validation.recipient.unknown");
            }
            recipients.add(id);
        }
        Long groupId = null;
        String groupName = null;
        for (String name : groupNames) {
            GroupService.Addressed group = groups.byName(name)
                    .orElseThrow(() -> Problems.invalidField("groups", "validation.recipient.unknownGroup"));
            groupId = group.groupId();
            groupName = group.name();
            recipients.addAll(group.memberIds());
        }
        recipients.remove(author);
        if (recipients.isEmpty()) {
            throw Problems.invalidField("recipients", "validation.recipient.none");
        }
        if (recipients.size() > MAX_RECIPIENTS && groupId == null) {
            throw Problems.invalidField("recipients", "validation.recipient.tooMany");
        }
        if (!viewer.isStaff() && !blocks.blockersOf(author, recipients).isEmpty()) {
            // Told as a refusal, without naming who: the writer learns only that this conversation cannot be.
            throw Problems.forbidden("problem.message.blocked");
        }
        Instant now = clock.instant();
        long id = sql.insert("INSERT INTO conversations (subject, created_by, group_id, created_at, last_message_at) "
                + "VALUES (?, ?, ?, ?, ?)", java.util.Arrays.asList(subject.strip(), author, groupId, now, now));
        List<Long> everyone = new ArrayList<>(recipients);
        everyone.add(0, author);
        for (long member : everyone) {
            sql.update("INSERT INTO conversation_participants (conversation_id, member_id, joined_at, last_message_at) "
                    + "VALUES (?, ?, ?, ?)", List.of(id, member, now, now));
        }
        write(id, author, body, now);
        return read(viewer, id, null);
    }

    /** Writes in a conversation the member is in (and has not left). */
    @RetryOnConflict
    @Transactional
    public MessageView reply(Viewer viewer, long conversationId, String body) {
        long author = viewer.requireMember();
        accounts.requireMayPost(author);
        rateLimiter.hit("messages:" + author, 60, Duration.ofHours(1));
        sql.query("SELECT id FROM conversations WHERE id = ? FOR UPDATE", List.of(conversationId), rs -> 1);
        List<Long> others = activeParticipants(conversationId);
        if (!others.remove(author)) {
            throw Problems.notFound("conversation");
        }
        if (others.isEmpty()) {
            throw Problems.conflict("body", "problem.message.alone");
        }
        // Alone with someone who blocked them: nothing more can be said.
        if (others.size() == 1 && !viewer.isStaff() && blocks.blocked(others.get(0), author)) {
            throw Problems.forbidden("problem.message.blocked");
        }
        long id = write(conversationId, author, body, clock.instant());
        return messages(viewer, conversationId, List.of(id), true).get(0);
    }

    private long write(long conversationId, long author, String body, Instant now) {
        ContentService.Rendered rendered = content.render(body);
        long id = sql.insert("INSERT INTO messages (conversation_id, author_id, body_source, body_html, created_at) "
                + "VALUES (?, ?, ?, ?, ?)", List.of(conversationId, author, body, rendered.html(), now));
        sql.update("UPDATE conversations SET last_message_at = ?, message_count = message_count + 1 WHERE id = ?",
                List.of(now, conversationId));
        sql.update("UPDATE conversation_participants SET last_message_at = ? WHERE conversation_id = ? "
                + "AND left_at IS NULL", List.of(now, conversationId));
        sql.update("UPDATE conversation_participants SET last_read_id = ? WHERE conversation_id = ? AND member_id = ?",
                List.of(id, conversationId, author));
        outbox.publish(new MessageEvents.MessageSent(conversationId, id, author));
        return id;
    }

    /**
     * A conversation for a participant (their reading marks it read), or read-only for staff while it holds an open
     * flag. Anyone else: 404, as if it did not exist.
     */
    @Transactional
    public ConversationView read(Viewer viewer, long conversationId, @Nullable Long after) {
        long reader = viewer.requireMember();
        record Head(String subject, @Nullable String group, boolean flagged) {
        }
        Head head = sql.query("SELECT c.subject, g.name, c.flagged_at IS NOT NULL FROM conversations c "
                        + "LEFT JOIN member_groups g ON g.id = c.group_id WHERE c.id = ?", List.of(conversationId),
                rs -> new Head(rs.getString(1), rs.getString(2), rs.getBoolean(3))).stream().findFirst()
                .orElseThrow(() -> Problems.notFound("conversation"));
        boolean participant = !sql.query("SELECT 1 FROM conversation_participants WHERE conversation_id = ? "
                + "AND member_id = ? AND left_at IS NULL", List.of(conversationId, reader), rs -> 1).isEmpty();
        boolean asStaff = !participant && viewer.isStaff() && head.flagged();
        if (!participant && !asStaff) {
            throw Problems.notFound("conversation");
        }
        List<Object> params = new ArrayList<>(List.of(conversationId));
        String range = "";
        if (after != null) {
            range = " AND id > ?";
            params.add(after);
        }
        params.add(PAGE + 1);
        List<Long> ids = sql.query("SELECT id FROM messages WHERE conversation_id = ?" + range
                + " ORDER BY id LIMIT ?", params, rs -> rs.getLong(1));
        boolean more = ids.size() > PAGE;
        List<Long> shown = more ? ids.subList(0, PAGE) : ids;
        List<MessageView> messages = messages(viewer, conversationId, shown, participant);
        if (participant && !shown.isEmpty()) {
            sql.update("UPDATE conversation_participants SET last_read_id = GREATEST(last_read_id, ?) "
                    + "WHERE conversation_id = ? AND member_id = ?", List.of(shown.get(shown.size() - 1),
                    conversationId, reader));
        }
        List<Person> people = participants(List.of(conversationId)).getOrDefault(conversationId, List.of());
        long others = people.stream().filter(p -> !p.left()).count() - (participant ? 1 : 0);
        return new ConversationView(conversationId, head.subject(), head.group(), people, messages,
                more ? shown.get(shown.size() - 1) : null, participant && others > 0, participant, head.flagged(),
                asStaff);
    }

    /** The member's conversations, latest activity first; keyset-paged. */
    @Transactional(readOnly = true)
    public InboxPage inbox(Viewer viewer, @Nullable String after) {
        long member = viewer.requireMember();
        List<Object> params = new ArrayList<>(List.of(member));
        String range = "";
        if (after != null) {
            String[] parts = after.split("_");
            try {
                Instant at = Instant.ofEpochSecond(0, 0).plusNanos(Long.parseLong(parts[0]) * 1000);
                range = " AND (p.last_message_at < ? OR (p.last_message_at = ? AND p.conversation_id < ?))";
                params.addAll(List.of(at, at, Long.parseLong(parts[1])));
            } catch (RuntimeException e) {
                throw Problems.invalidField("after", "validation.cursor");
            }
        }
        params.add(31);
        record Row(long id, String subject, String group, Instant last, int count, long lastRead) {
        }
        List<Row> rows = sql.query("SELECT c.id, c.subject, g.name, p.last_message_at, c.message_count, p.last_read_id "
                + "FROM conversation_participants p JOIN conversations c ON c.id = p.conversation_id "
                + "LEFT JOIN member_groups g ON g.id = c.group_id WHERE p.member_id = ? AND p.left_at IS NULL" + range
                + " ORDER BY p.last_message_at DESC, p.conversation_id DESC LIMIT ?", params,
                rs -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), Sql.instant(rs, 4), rs.getInt(5),
                        rs.getLong(6)));
        boolean more = rows.size() > 30;
        List<Row> shown = more ? rows.subList(0, 30) : rows;
        List<Long> ids = shown.stream().map(Row::id).toList();
        Map<Long, List<Person>> people = participants(ids);
        Map<Long, long[]> last = new java.util.HashMap<>();
        Map<Long, String> excerpts = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            sql.query("SELECT m.conversation_id, m.id, m.body_html FROM messages m JOIN (SELECT conversation_id, "
                            + "MAX(id) AS id FROM messages WHERE conversation_id IN (" + Sql.placeholders(ids.size())
                            + ") GROUP BY conversation_id) x ON x.id = m.id", List.copyOf(ids), rs -> {
                        last.put(rs.getLong(1), new long[]{rs.getLong(2)});
                        excerpts.put(rs.getLong(1), content.excerpt(rs.getString(3), 140));
                        return null;
                    });
        }
        List<InboxItem> items = shown.stream().map(r -> new InboxItem(r.id(), r.subject(), r.group(),
                people.getOrDefault(r.id(), List.of()), excerpts.getOrDefault(r.id(), ""), r.last(), r.count(),
                last.containsKey(r.id()) && last.get(r.id())[0] > r.lastRead())).toList();
        String next = null;
        if (more) {
            Row tail = shown.get(shown.size() - 1);
            next = (tail.last().getEpochSecond() * 1_000_000 + tail.last().getNano() / 1000) + "_" + tail.id();
        }
        return new InboxPage(items, next);
    }

    /** How many conversations have messages the member has not read. */
    @Transactional(readOnly = true)
    public int unread(Viewer viewer) {
        long member = viewer.requireMember();
        return sql.query("SELECT COUNT(*) FROM conversation_participants p WHERE p.member_id = ? AND p.left_at IS NULL "
                + "AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = p.conversation_id "
                + "AND m.id > p.last_read_id)", List.of(member), rs -> rs.getInt(1)).get(0);
    }

    /** The member leaves: the conversation leaves their inbox and tells them nothing more. */
    @Transactional
    public void leave(Viewer viewer, long conversationId) {
        long member = viewer.requireMember();
        if (sql.update("UPDATE conversation_participants SET left_at = ? WHERE conversation_id = ? AND member_id = ? "
                + "AND left_at IS NULL", List.of(clock.instant(), conversationId, member)) == 0) {
            throw Problems.notFound("conversation");
        }
    }

    /** A participant flags a message: staff may then read the conversation, until they resolve the flag. */
    @Transactional
    public void flag(Viewer viewer, long messageId, String reason, String note) {
        long member = viewer.requireMember();
        rateLimiter.hit("message-flags:" + member, 20, Duration.ofHours(1));
        record Target(long conversation, long author) {
        }
        Target target = sql.query("SELECT m.conversation_id, m.author_id FROM messages m JOIN conversation_participants p "
                        + "ON p.conversation_id = m.conversation_id AND p.member_id = ? WHERE m.id = ?",
                List.of(member, messageId), rs -> new Target(rs.getLong(1), rs.getLong(2))).stream().findFirst()
                .orElseThrow(() -> Problems.notFound("message"));
        if (target.author() == member) {
            throw Problems.forbidden("problem.message.ownFlag");
        }
        Instant now = clock.instant();
        sql.update("INSERT INTO message_flags (message_id, member_id, reason, note, created_at) VALUES (?, ?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE reason = VALUES(reason), note = VALUES(note), resolved_at = NULL",
                List.of(messageId, member, reason, note.strip(), now));
        sql.update("UPDATE conversations SET flagged_at = COALESCE(flagged_at, ?) WHERE id = ?",
                List.of(now, target.conversation()));
    }

    @Serdeable
    public record FlaggedView(long conversationId, String subject, long messageId, String excerpt, Person author,
                              Person flaggedBy, String reason, String note, Instant flaggedAt) {
    }

    /** Open flags, oldest first, for staff. */
    @Transactional(readOnly = true)
    public List<FlaggedView> flagged(Viewer viewer) {
        requireStaff(viewer);
        return sql.query("SELECT c.id, c.subject, m.id, m.body_html, a.username, a.display_name, f.username, "
                + "f.display_name, x.reason, x.note, x.created_at FROM message_flags x JOIN messages m ON m.id = x.message_id "
                + "JOIN conversations c ON c.id = m.conversation_id JOIN members a ON a.id = m.author_id "
                + "JOIN members f ON f.id = x.member_id WHERE x.resolved_at IS NULL ORDER BY x.created_at LIMIT 200",
                List.of(), rs -> new FlaggedView(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        content.excerpt(rs.getString(4), 300), person(rs.getString(5), rs.getString(6), false),
                        person(rs.getString(7), rs.getString(8), false), rs.getString(9), rs.getString(10),
                        Sql.instant(rs, 11)));
    }

    /** Staff close a conversation's flags: from then on they can no longer read it. */
    @Transactional
    public void resolve(Viewer viewer, long conversationId) {
        requireStaff(viewer);
        Instant now = clock.instant();
        sql.update("UPDATE message_flags SET resolved_at = ?, resolved_by = ? WHERE resolved_at IS NULL AND message_id IN "
                + "(SELECT id FROM messages WHERE conversation_id = ?)", List.of(now, viewer.memberId(), conversationId));
        if (sql.update("UPDATE conversations SET flagged_at = NULL WHERE id = ?", List.of(conversationId)) == 0) {
            throw Problems.notFound("conversation");
        }
    }

    /** Who hears of a new message: the participants still in the conversation, the author excepted. */
    public record Delivery(long conversationId, String subject, List<Long> recipients) {
    }

    @Transactional(readOnly = true)
    public java.util.Optional<Delivery> delivery(long conversationId, long authorId) {
        return sql.query("SELECT subject FROM conversations WHERE id = ?", List.of(conversationId),
                rs -> rs.getString(1)).stream().findFirst().map(subject -> {
                    List<Long> recipients = activeParticipants(conversationId);
                    recipients.remove(authorId);
                    recipients.removeAll(blocks.blockersOf(authorId, recipients));
                    return new Delivery(conversationId, subject, recipients);
                });
    }

    private List<Long> activeParticipants(long conversationId) {
        return new ArrayList<>(sql.query("SELECT member_id FROM conversation_participants WHERE conversation_id = ? "
                + "AND left_at IS NULL ORDER BY member_id", List.of(conversationId), rs -> rs.getLong(1)));
    }

    private List<MessageView> messages(Viewer viewer, long conversationId, List<Long> ids, boolean participant) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(List.of(conversationId));
        params.addAll(ids);
        return sql.query("SELECT m.id, a.username, a.display_name, m.body_html, m.created_at, m.author_id "
                        + "FROM messages m JOIN members a ON a.id = m.author_id WHERE m.conversation_id = ? AND m.id IN ("
                        + Sql.placeholders(ids.size()) + ") ORDER BY m.id", params,
                rs -> new MessageView(rs.getLong(1), person(rs.getString(2), rs.getString(3), false),
                        rs.getString(4), Sql.instant(rs, 5), viewer.is(rs.getLong(6)),
                        participant && !viewer.is(rs.getLong(6))));
    }

    private Map<Long, List<Person>> participants(List<Long> conversationIds) {
        Map<Long, List<Person>> people = new java.util.HashMap<>();
        if (conversationIds.isEmpty()) {
            return people;
        }
        sql.query("SELECT p.conversation_id, m.username, m.display_name, p.left_at IS NOT NULL "
                        + "FROM conversation_participants p JOIN members m ON m.id = p.member_id "
                        + "WHERE p.conversation_id IN (" + Sql.placeholders(conversationIds.size()) + ") "
                        + "ORDER BY p.joined_at, m.id", List.copyOf(conversationIds), rs -> {
                    people.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(person(rs.getString(2), rs.getString(3), rs.getBoolean(4)));
                    return null;
                });
        return people;
    }

    private boolean isErased(long memberId) {
        return !sql.query("SELECT 1 FROM members WHERE id = ? AND erased_at IS NOT NULL", List.of(memberId),
                rs -> 1).isEmpty();
    }

    private static Person person(String username, String displayName, boolean left) {
        return new Person(username, displayName, io.ruche.accounts.AccountViews.avatarPath(username), left);
    }

    private static void requireStaff(Viewer viewer) {
        viewer.requireMember();
        if (!viewer.isStaff()) {
            throw Problems.forbidden("problem.forbidden");
        }
    }
}

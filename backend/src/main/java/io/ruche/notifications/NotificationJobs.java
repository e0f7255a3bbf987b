package io.ruche.notifications;

import io.micronaut.transaction.annotation.Transactional;
import io.ruche.notifications.NotificationKind.Channel;
import io.ruche.notifications.NotificationService.Draft;
import io.ruche.platform.Sql;
import io.ruche.platform.jobs.JobHandler;
import io.ruche.platform.jobs.JobKinds;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Works out who a forum event concerns, after the change committed (from the jobs queue): replies, mentions,
 * quotes, watchers, category watchers, reactions and accepted answers. Each member gets at most one notification
 * per post: the most specific kind they have not switched off. Muted threads and categories stay silent, and nobody
 * hears of a thread they cannot see.
 */
@Singleton
public class NotificationJobs {

    private final Sql sql;
    private final NotificationService notifications;
    private final NotificationPreferences preferences;
    private final io.ruche.accounts.Viewers viewers;
    private final io.ruche.forum.CategoryAccess access;
    private final io.ruche.accounts.Blocks blocks;

    public NotificationJobs(Sql sql, NotificationService notifications, NotificationPreferences preferences,
                            io.ruche.accounts.Viewers viewers,
                            io.ruche.forum.CategoryAccess access, io.ruche.accounts.Blocks blocks) {
        this.blocks = blocks;
        this.sql = sql;
        this.notifications = notifications;
        this.preferences = preferences;
        this.viewers = viewers;
        this.access = access;
    }

    record PostFacts(long id, long threadId, long authorId, long categoryId, boolean quotes, Long replyToAuthor,
                     boolean deleted, Set<String> quotedOnly) {
        PostFacts(long id, long threadId, long authorId, long categoryId, boolean quotes, Long replyToAuthor,
                  boolean deleted) {
            this(id, threadId, authorId, categoryId, quotes, replyToAuthor, deleted, Set.of());
        }
    }

    private PostFacts post(long postId) {
        return sql.query("SELECT p.id, p.thread_id, p.author_id, t.category_id, p.body_html, r.author_id, "
                        + "p.deleted_at FROM posts p JOIN threads t ON t.id = p.thread_id "
                        + "LEFT JOIN posts r ON r.id = p.reply_to_id WHERE p.id = ?", List.of(postId),
                rs -> {
                    String html = rs.getString(5);
                    boolean quotes = html.contains("<blockquote");
                    long replyAuthor = rs.getLong(6);
                    Long replyTo = rs.wasNull() ? null : replyAuthor;
                    return new PostFacts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), quotes,
                            replyTo, rs.getTimestamp(7) != null, quotedOnly(html));
                })
                .stream().findFirst().orElse(null);
    }

    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile(
            "<(/?)(blockquote|a)\\b([^>]*)>", java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern PROFILE = java.util.regex.Pattern.compile("href=\"/u/([^\"/?#]+)\"");

    /**
     * The names linked only inside quotes ({@code > @alice wrote:} and what follows): quoting someone is not
     * mentioning them, and they hear "quoted you". Lower-cased, as the mentions are.
     */
    static Set<String> quotedOnly(String html) {
        Set<String> inQuotes = new java.util.HashSet<>();
        Set<String> outside = new java.util.HashSet<>();
        int depth = 0;
        java.util.regex.Matcher m = TAG.matcher(html);
        while (m.find()) {
            boolean closing = !m.group(1).isEmpty();
            if (m.group(2).equalsIgnoreCase("blockquote")) {
                depth = Math.max(0, depth + (closing ? -1 : 1));
            } else if (!closing) {
                java.util.regex.Matcher link = PROFILE.matcher(m.group(3));
                if (link.find()) {
                    (depth > 0 ? inQuotes : outside).add(link.group(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        inQuotes.removeAll(outside);
        return inQuotes;
    }

    /** A new post: mentions, then the quoted or answered author, then the thread's watchers. */
    @Transactional
    public void onPost(long postId) {
        PostFacts post = post(postId);
        if (post == null || post.deleted()) {
            return;
        }
        Map<Long, List<NotificationKind>> candidates = new LinkedHashMap<>();
        record Mentioned(long member, String username) {
        }
        for (Mentioned m : sql.query("SELECT n.member_id, m.username FROM mentions n JOIN members m ON m.id = n.member_id "
                + "WHERE n.post_id = ?", List.of(postId), rs -> new Mentioned(rs.getLong(1), rs.getString(2)))) {
            add(candidates, m.member(), post.quotedOnly().contains(m.username().toLowerCase(java.util.Locale.ROOT))
                    ? NotificationKind.QUOTE : NotificationKind.MENTION);
        }
        if (post.replyToAuthor() != null) {
            add(candidates, post.replyToAuthor(), post.quotes() ? NotificationKind.QUOTE : NotificationKind.REPLY);
        }
        for (Long member : sql.query("SELECT member_id FROM thread_follows WHERE thread_id = ? AND level = 'WATCHING'",
                List.of(post.threadId()), rs -> rs.getLong(1))) {
            add(candidates, member, NotificationKind.REPLY);
        }
        deliver(candidates, post, post.threadId(), post.id(), "post:" + postId);
    }

    /** A new thread: its first post's mentions, then everyone watching its category. */
    @Transactional
    public void onThread(long threadId) {
        Long firstPost = sql.query("SELECT id FROM posts WHERE thread_id = ? AND position = 1", List.of(threadId),
                rs -> rs.getLong(1)).stream().findFirst().orElse(null);
        if (firstPost == null) {
            return;
        }
        PostFacts post = post(firstPost);
        if (post == null || post.deleted()) {
            return;
        }
        Map<Long, List<NotificationKind>> candidates = new LinkedHashMap<>();
        for (Long member : sql.query("SELECT member_id FROM mentions WHERE post_id = ?", List.of(firstPost),
                rs -> rs.getLong(1))) {
            add(candidates, member, NotificationKind.MENTION);
        }
        for (Long member : sql.query("SELECT member_id FROM category_follows WHERE category_id = ? "
                + "AND level = 'WATCHING'", List.of(post.categoryId()), rs -> rs.getLong(1))) {
            add(candidates, member, NotificationKind.NEW_THREAD);
        }
        deliver(candidates, post, threadId, firstPost, "post:" + firstPost);
    }

    @Transactional
    public void onReaction(long postId, long reactorId, String reaction) {
        PostFacts post = post(postId);
        if (post == null || post.deleted() || post.authorId() == reactorId) {
            return;
        }
        boolean stillThere = !sql.query("SELECT 1 FROM reactions WHERE post_id = ? AND member_id = ? AND kind = ?",
                List.of(postId, reactorId, reaction), rs -> 1).isEmpty();
        if (!stillThere) {
            return;
        }
        Map<Long, List<NotificationKind>> candidates = new LinkedHashMap<>();
        add(candidates, post.authorId(), NotificationKind.REACTION);
        deliver(candidates, new PostFacts(post.id(), post.threadId(), reactorId, post.categoryId(), false, null,
                false), post.threadId(), postId, reaction, "reaction:" + postId,
                "reaction:" + postId + ":" + reactorId + ":" + reaction);
    }

    @Transactional
    public void onAccepted(long threadId, long postId, long actorId) {
        PostFacts post = post(postId);
        // A thread without an accepted answer maps to -1 (streams cannot carry null).
        long accepted = sql.query("SELECT COALESCE(accepted_post_id, -1) FROM threads WHERE id = ?",
                List.of(threadId), rs -> rs.getLong(1)).stream().findFirst().orElse(-1L);
        if (post == null || post.deleted() || accepted != postId || post.authorId() == actorId) {
            return;
        }
        Map<Long, List<NotificationKind>> candidates = new LinkedHashMap<>();
        add(candidates, post.authorId(), NotificationKind.ACCEPTED);
        deliver(candidates, new PostFacts(post.id(), threadId, actorId, post.categoryId(), false, null, false),
                threadId, postId, "accepted:" + postId);
    }

    /**
     * Each author of the moved posts (positions {@code from} to {@code to} of {@code threadId}) is told once, pointed
     * at their first moved post.
     */
    @Transactional
    public void onPostsMoved(long threadId, int from, int to, long actorId, String how) {
        Map<Long, Long> firstPostOf = new LinkedHashMap<>();
        sql.query("SELECT author_id, id FROM posts WHERE thread_id = ? AND deleted_at IS NULL AND position BETWEEN ? "
                        + "AND ? ORDER BY position", List.of(threadId, from, to),
                rs -> firstPostOf.putIfAbsent(rs.getLong(1), rs.getLong(2)));
        firstPostOf.remove(actorId);
        if (firstPostOf.isEmpty()) {
            return;
        }
        long categoryId = sql.query("SELECT category_id FROM threads WHERE id = ?", List.of(threadId),
                rs -> rs.getLong(1)).stream().findFirst().orElse(-1L);
        Set<Long> allowed = access.whoCanSee(viewers.of(firstPostOf.keySet()).values(), categoryId);
        Map<Long, Channel> channels = preferences.channels(firstPostOf.keySet(), NotificationKind.POST_MOVED);
        for (Map.Entry<Long, Long> e : firstPostOf.entrySet()) {
            if (allowed.contains(e.getKey())) {
                notifications.deliverOnce("moved:" + how + ":" + threadId + ":" + from + ":" + to,
                        new Draft(e.getKey(), NotificationKind.POST_MOVED, threadId, e.getValue(), actorId, how, null),
                        channels.get(e.getKey()));
            }
        }
    }

    private static void add(Map<Long, List<NotificationKind>> candidates, long member, NotificationKind kind) {
        List<NotificationKind> kinds = candidates.computeIfAbsent(member, k -> new ArrayList<>());
        if (!kinds.contains(kind)) {
            kinds.add(kind);
        }
    }

    private void deliver(Map<Long, List<NotificationKind>> candidates, PostFacts post, long threadId, long postId,
                         String eventKey) {
        deliver(candidates, post, threadId, postId, "", null, eventKey);
    }

    /**
     * {@code post.authorId()} is the actor: nobody is told about what they did themselves. {@code eventKey} names
     * the event, so a job that runs twice notifies each member once.
     */
    private void deliver(Map<Long, List<NotificationKind>> candidates, PostFacts post, long threadId, long postId,
                         String detail, String groupKey, String eventKey) {
        candidates.remove(post.authorId());
        if (candidates.isEmpty()) {
            return;
        }
        Set<Long> silenced = silenced(candidates.keySet(), threadId, post.categoryId());
        // Who blocked the author hears nothing of their mentions, quotes and replies.
        silenced.addAll(blocks.blockersOf(post.authorId(), candidates.keySet()));
        Set<Long> allowed = access.whoCanSee(viewers.of(candidates.keySet()).values(), post.categoryId());
        Map<NotificationKind, Map<Long, Channel>> channels = new LinkedHashMap<>();
        for (Map.Entry<Long, List<NotificationKind>> e : candidates.entrySet()) {
            long member = e.getKey();
            if (silenced.contains(member) || !allowed.contains(member)) {
                continue;
            }
            for (NotificationKind kind : e.getValue()) {
                Channel channel = channels.computeIfAbsent(kind,
                        k -> preferences.channels(candidates.keySet(), k)).get(member);
                if (notifications.deliverOnce(eventKey, new Draft(member, kind, threadId, postId, post.authorId(),
                        detail, groupKey), channel)) {
                    break;
                }
            }
        }
    }

    /**
     * Members who muted the thread, or muted its category without watching the thread: they hear nothing of it.
     */
    private Set<Long> silenced(Set<Long> members, long threadId, long categoryId) {
        List<Object> params = new ArrayList<>();
        params.add(threadId);
        params.addAll(members);
        params.add(categoryId);
        params.addAll(members);
        params.add(threadId);
        return new java.util.HashSet<>(sql.query("SELECT member_id FROM thread_follows WHERE thread_id = ? AND "
                + "level = 'MUTED' AND member_id IN (" + Sql.placeholders(members.size()) + ") UNION "
                + "SELECT c.member_id FROM category_follows c WHERE c.category_id = ? AND c.level = 'MUTED' AND "
                + "c.member_id IN (" + Sql.placeholders(members.size()) + ") AND NOT EXISTS (SELECT 1 FROM "
                + "thread_follows f WHERE f.thread_id = ? AND f.member_id = c.member_id AND f.level = 'WATCHING')",
                params, rs -> rs.getLong(1)));
    }

    /** The queue's handlers for forum events, one per job kind, all running the methods above. */
    @io.micronaut.context.annotation.Factory
    static class Handlers {

        private record Handler(String kind, java.util.function.Consumer<String[]> action, int parts) implements JobHandler {
            @Override
            public void run(String payload) {
                action.accept(payload.split(":", parts));
            }
        }

        @Singleton
        @jakarta.inject.Named(JobKinds.NOTIFY_POST)
        JobHandler post(NotificationJobs jobs) {
            return new Handler(JobKinds.NOTIFY_POST, p -> jobs.onPost(Long.parseLong(p[0])), 1);
        }

        @Singleton
        @jakarta.inject.Named(JobKinds.NOTIFY_THREAD)
        JobHandler thread(NotificationJobs jobs) {
            return new Handler(JobKinds.NOTIFY_THREAD, p -> jobs.onThread(Long.parseLong(p[0])), 1);
        }

        /** Payload "postId:memberId:kind". */
        @Singleton
        @jakarta.inject.Named(JobKinds.NOTIFY_REACTION)
        JobHandler reaction(NotificationJobs jobs) {
            return new Handler(JobKinds.NOTIFY_REACTION,
                    p -> jobs.onReaction(Long.parseLong(p[0]), Long.parseLong(p[1]), p[2]), 3);
        }

        /** Payload "threadId:postId:actorId". */
        @Singleton
        @jakarta.inject.Named(JobKinds.NOTIFY_ACCEPTED)
        JobHandler accepted(NotificationJobs jobs) {
            return new Handler(JobKinds.NOTIFY_ACCEPTED,
                    p -> jobs.onAccepted(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2])), 3);
        }
    }
}

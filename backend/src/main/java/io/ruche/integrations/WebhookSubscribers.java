package io.ruche.integrations;

import io.micronaut.context.annotation.Factory;
import io.micronaut.transaction.TransactionOperations;
import io.ruche.accounts.AccountEvents;
import io.ruche.accounts.Viewer;
import io.ruche.badges.BadgeEvents;
import io.ruche.events.EventEvents;
import io.ruche.forum.CategoryAccess;
import io.ruche.forum.ForumEvents;
import io.ruche.mail.MailSettings;
import io.ruche.moderation.ModerationEvents;
import io.ruche.platform.Sql;
import io.ruche.platform.events.EventSubscriber;
import io.ruche.platform.events.Subscriber;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Webhooks hear the domain events (one subscriber each, in the {@code webhooks} lane) and turn them into the payloads
 * documented in {@code docs/webhooks.schema.json}. Producers know nothing of webhooks. Content from a category or an
 * event guests cannot see, a hidden post, or a member's address is private: only webhooks allowed private content
 * receive it.
 */
@Factory
class WebhookSubscribers {

    private static final String LANE = "webhooks";

    private final Webhooks webhooks;
    private final Sql sql;
    private final CategoryAccess access;
    private final MailSettings mail;
    private final TransactionOperations<Connection> tx;

    WebhookSubscribers(Webhooks webhooks, Sql sql, CategoryAccess access, MailSettings mail,
                       TransactionOperations<Connection> tx) {
        this.webhooks = webhooks;
        this.sql = sql;
        this.access = access;
        this.mail = mail;
        this.tx = tx;
    }

    private void inTransaction(Runnable work) {
        tx.executeWrite(status -> {
            work.run();
            return null;
        });
    }

    /** A post with its thread, category and author, as payloads show them; null when it is gone. */
    private record PostFacts(Map<String, Object> thread, Map<String, Object> post, Map<String, Object> author,
                             boolean privateContent) {
    }

    private Map<String, Object> member(String username, String displayName) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", username);
        m.put("displayName", displayName);
        m.put("url", mail.publicUrl() + "/u/" + username);
        return m;
    }

    private PostFacts post(long postId) {
        List<Long> publicCategories = access.catalog(Viewer.GUEST).visibleIds();
        return sql.query("SELECT p.id, p.position, p.body_html, p.created_at, p.hidden_at, p.deleted_at, t.id, t.slug, "
                        + "t.title, c.id, c.name, m.username, m.display_name FROM posts p JOIN threads t ON t.id = p.thread_id "
                        + "JOIN categories c ON c.id = t.category_id JOIN members m ON m.id = p.author_id WHERE p.id = ?",
                List.of(postId), rs -> {
                    String threadUrl = mail.publicUrl() + "/t/" + rs.getLong(7) + "/" + rs.getString(8);
                    Map<String, Object> thread = new LinkedHashMap<>();
                    thread.put("id", rs.getLong(7));
                    thread.put("title", rs.getString(9));
                    thread.put("url", threadUrl);
                    thread.put("category", Map.of("id", rs.getLong(10), "name", rs.getString(11)));
                    Map<String, Object> post = new LinkedHashMap<>();
                    post.put("id", rs.getLong(1));
                    post.put("position", rs.getInt(2));
                    post.put("url", threadUrl + "#post-" + rs.getInt(2));
                    post.put("excerpt", excerpt(rs.getString(3)));
                    post.put("createdAt", Sql.instant(rs, 4).toString());
                    boolean hidden = rs.getTimestamp(5) != null || rs.getTimestamp(6) != null;
                    return new PostFacts(thread, post, member(rs.getString(12), rs.getString(13)),
                            hidden || !publicCategories.contains(rs.getLong(10)));
                }).stream().findFirst().orElse(null);
    }

    /** The post's text without markup, cut at 300 characters. */
    static String excerpt(String html) {
        String text = html.replaceAll("<[^>]*>", " ").replace("&nbsp;", " ").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
                .replaceAll("\\s+", " ").strip();
        return text.length() <= 300 ? text : text.substring(0, 299) + "…";
    }

    @Singleton
    @Named("webhooks.thread-created")
    EventSubscriber<ForumEvents.ThreadCreated> threadCreated() {
        return new Subscriber<>(ForumEvents.ThreadCreated.class, "webhooks.thread-created", LANE,
                e -> inTransaction(() -> {
                    PostFacts facts = post(e.firstPostId());
                    if (facts != null) {
                        webhooks.dispatch("thread.created", "thread:" + e.threadId(), Map.of("thread", facts.thread(),
                                "post", facts.post(), "author", facts.author()), Map.of(), facts.privateContent());
                    }
                }));
    }

    @Singleton
    @Named("webhooks.post-published")
    EventSubscriber<ForumEvents.PostPublished> postPublished() {
        return new Subscriber<>(ForumEvents.PostPublished.class, "webhooks.post-published", LANE,
                e -> inTransaction(() -> {
                    PostFacts facts = post(e.postId());
                    if (facts != null) {
                        webhooks.dispatch("post.published", "post:" + e.postId(), Map.of("thread", facts.thread(),
                                "post", facts.post(), "author", facts.author()), Map.of(), facts.privateContent());
                    }
                }));
    }

    @Singleton
    @Named("webhooks.answer-accepted")
    EventSubscriber<ForumEvents.AnswerAccepted> answerAccepted() {
        return new Subscriber<>(ForumEvents.AnswerAccepted.class, "webhooks.answer-accepted", LANE,
                e -> inTransaction(() -> {
                    if (e.postId() == null) {
                        return; // an answer un-accepted: not an event webhooks announce
                    }
                    PostFacts facts = post(e.postId());
                    if (facts != null) {
                        Map<String, Object> data = new LinkedHashMap<>();
                        data.put("thread", facts.thread());
                        data.put("answer", facts.post());
                        data.put("answeredBy", facts.author());
                        data.put("acceptedBy", actor(e.actorId()));
                        webhooks.dispatch("answer.accepted", "accepted:" + e.threadId() + ":" + e.postId(), data,
                                Map.of(), facts.privateContent());
                    }
                }));
    }

    private Map<String, Object> actor(long memberId) {
        return sql.query("SELECT username, display_name FROM members WHERE id = ?", List.of(memberId),
                rs -> member(rs.getString(1), rs.getString(2))).stream().findFirst().orElse(Map.of());
    }

    @Singleton
    @Named("webhooks.member-registered")
    EventSubscriber<AccountEvents.MemberRegistered> memberRegistered() {
        return new Subscriber<>(AccountEvents.MemberRegistered.class, "webhooks.member-registered", LANE,
                e -> inTransaction(() -> sql.query("SELECT username, display_name, email, locale, created_at FROM members "
                        + "WHERE id = ? AND erased_at IS NULL", List.of(e.memberId()), rs -> {
                            Map<String, Object> member = member(rs.getString(1), rs.getString(2));
                            member.put("locale", rs.getString(4));
                            member.put("registeredAt", Sql.instant(rs, 5).toString());
                            return Map.of("member", member, "email", rs.getString(3));
                        }).stream().findFirst().ifPresent(found -> webhooks.dispatch("member.registered",
                        "member:" + e.memberId(), Map.of("member", found.get("member")),
                        Map.of("email", found.get("email")), false))));
    }

    @Singleton
    @Named("webhooks.event-registration")
    EventSubscriber<EventEvents.RegistrationChanged> eventRegistration() {
        return new Subscriber<>(EventEvents.RegistrationChanged.class, "webhooks.event-registration", LANE,
                e -> inTransaction(() -> {
                    record Row(Map<String, Object> event, Map<String, Object> member, String email, boolean open) {
                    }
                    Row row = sql.query("SELECT ev.id, ev.slug, ev.title, ev.starts_at, ev.visibility, m.username, "
                                    + "m.display_name, m.email FROM events ev JOIN members m ON m.id = ? WHERE ev.id = ?",
                            List.of(e.memberId(), e.eventId()), rs -> {
                                Map<String, Object> event = new LinkedHashMap<>();
                                event.put("id", rs.getLong(1));
                                event.put("title", rs.getString(3));
                                event.put("url", mail.publicUrl() + "/events/" + rs.getLong(1) + "/" + rs.getString(2));
                                event.put("startsAt", Sql.instant(rs, 4).toString());
                                return new Row(event, member(rs.getString(6), rs.getString(7)), rs.getString(8),
                                        "EVERYONE".equals(rs.getString(5)));
                            }).stream().findFirst().orElse(null);
                    if (row == null) {
                        return;
                    }
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("event", row.event());
                    data.put("member", row.member());
                    data.put("status", e.status());
                    data.put("previousStatus", e.previous());
                    webhooks.dispatch("event.registration", "registration:" + e.eventId() + ":" + e.memberId() + ":"
                            + e.status() + ":" + e.at().toEpochMilli(), data, Map.of("email", row.email()), !row.open());
                }));
    }

    @Singleton
    @Named("webhooks.badge-granted")
    EventSubscriber<BadgeEvents.BadgeGranted> badgeGranted() {
        return new Subscriber<>(BadgeEvents.BadgeGranted.class, "webhooks.badge-granted", LANE,
                e -> inTransaction(() -> {
                    if (e.backfill()) {
                        return; // a rule applied to the past grants in bulk: not news for other systems
                    }
                    sql.query("SELECT b.id, b.slug, b.name_en, b.name_fr, b.tier, m.username, m.display_name "
                                    + "FROM badges b JOIN members m ON m.id = ? WHERE b.id = ?",
                            List.of(e.memberId(), e.badgeId()), rs -> {
                                Map<String, Object> badge = new LinkedHashMap<>();
                                badge.put("id", rs.getLong(1));
                                badge.put("slug", rs.getString(2));
                                badge.put("name", Map.of("en", rs.getString(3), "fr", rs.getString(4)));
                                badge.put("tier", rs.getString(5));
                                return Map.of("badge", badge, "member", member(rs.getString(6), rs.getString(7)));
                            }).stream().findFirst().ifPresent(data -> webhooks.dispatch("badge.granted",
                            "grant:" + e.grantId(), new LinkedHashMap<>(data), Map.of(), false));
                }));
    }

    @Singleton
    @Named("webhooks.flag-raised")
    EventSubscriber<ModerationEvents.FlagRaised> flagRaised() {
        return new Subscriber<>(ModerationEvents.FlagRaised.class, "webhooks.flag-raised", LANE,
                e -> inTransaction(() -> {
                    PostFacts facts = post(e.postId());
                    if (facts == null) {
                        return;
                    }
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("thread", facts.thread());
                    data.put("post", facts.post());
                    data.put("author", facts.author());
                    data.put("reason", e.reason());
                    webhooks.dispatch("flag.raised", "flag:" + e.postId() + ":" + e.memberId(), data,
                            Map.of("flaggedBy", actor(e.memberId())), facts.privateContent());
                }));
    }
}

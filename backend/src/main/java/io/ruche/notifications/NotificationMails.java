package io.ruche.notifications;

import io.micronaut.transaction.annotation.Transactional;
import io.ruche.content.ContentService;
import io.ruche.mail.MailContent;
import io.ruche.mail.MailQueue;
import io.ruche.mail.MailTemplates;
import io.ruche.mail.UnsubscribeTokens;
import io.ruche.platform.Sql;
import io.ruche.platform.jobs.JobHandler;
import io.ruche.platform.jobs.JobKinds;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Mails a notification that is still unread when its short wait ends, in the member's language, with a signed
 * link (and one-click headers) that stops mails of that kind.
 */
@Singleton
public class NotificationMails implements JobHandler {

    private final Sql sql;
    private final List<NotificationSubjects> subjects;
    private final NotificationRepository notifications;
    private final Clock clock;
    private final MailQueue mails;
    private final MailTemplates templates;
    private final UnsubscribeTokens unsubscribe;
    private final ContentService content;

    public NotificationMails(List<NotificationSubjects> subjects, Sql sql, NotificationRepository notifications, Clock clock, MailQueue mails, MailTemplates templates,
                             UnsubscribeTokens unsubscribe, ContentService content) {
        this.sql = sql;
        this.subjects = subjects;
        this.notifications = notifications;
        this.clock = clock;
        this.mails = mails;
        this.templates = templates;
        this.unsubscribe = unsubscribe;
        this.content = content;
    }

    @Override
    public String kind() {
        return JobKinds.NOTIFY_EMAIL;
    }

    @Override
    public void run(String payload) {
        send(Long.parseLong(payload));
    }

    record Pending(long memberId, String email, String locale, boolean verified, NotificationKind kind,
                   String detail, int actorCount, String actorName, Long threadId, String title, String slug,
                   String category, Integer position, String postHtml, boolean read, boolean emailed) {
    }

    @Transactional
    public void send(long notificationId) {
        Pending n = sql.query("SELECT n.member_id, m.email, m.locale, m.email_verified_at, n.kind, n.detail, "
                        + "n.actor_count, a.display_name, t.id, t.title, t.slug, c.name, p.position, p.body_html, "
                        + "n.read_at, n.emailed_at FROM notifications n JOIN members m ON m.id = n.member_id "
                        + "LEFT JOIN members a ON a.id = n.actor_id LEFT JOIN threads t ON t.id = n.thread_id "
                        + "LEFT JOIN categories c ON c.id = t.category_id LEFT JOIN posts p ON p.id = n.post_id "
                        + "WHERE n.id = ?", List.of(notificationId),
                rs -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4) != null,
                        NotificationKind.valueOf(rs.getString(5)), rs.getString(6), rs.getInt(7),
                        rs.getString(8) == null ? "" : rs.getString(8), rs.getObject(9) == null ? null
                        : rs.getLong(9), rs.getString(10), rs.getString(11), rs.getString(12),
                        rs.getObject(13) == null ? null : rs.getInt(13), rs.getString(14), rs.getTimestamp(15) != null,
                        rs.getTimestamp(16) != null))
                .stream().findFirst().orElse(null);
        // Read in the app meanwhile, already mailed, or an address nobody confirmed: no mail.
        if (n == null || n.read() || n.emailed() || !n.verified()) {
            return;
        }
        Locale locale = MailTemplates.localeOf(n.locale());
        String brand = templates.brandName(locale);
        String kindKey = n.kind().name().toLowerCase(Locale.ROOT);
        // What the notification is about: a conversation's subject, a feature's own subject (a badge), else the thread.
        String title = n.kind() == NotificationKind.MESSAGE ? n.detail().substring(n.detail().indexOf(':') + 1)
                : subjects.stream().flatMap(s -> s.title(n.kind(), n.detail(), locale).stream()).findFirst()
                .orElse(n.title() == null ? "" : n.title());
        String subject = templates.text(locale, "notification." + kindKey + ".subject", n.actorName(), title,
                n.category() == null ? "" : n.category(), brand, Math.max(0, n.actorCount() - 1));
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(templates.text(locale, "notification." + kindKey + ".intro", n.actorName(), title,
                n.category() == null ? "" : n.category(), brand, Math.max(0, n.actorCount() - 1)));
        if (n.kind() == NotificationKind.STAFF_MESSAGE || n.kind() == NotificationKind.POST_REJECTED) {
            paragraphs.add(n.detail());
        } else if (n.kind() == NotificationKind.MESSAGE) {
            paragraphs.add(templates.text(locale, "notification.message.privacy"));
        } else if (n.kind() == NotificationKind.BOOKMARK_REMINDER) {
            if (!n.detail().isBlank()) {
                paragraphs.add(templates.text(locale, "notification.bookmark_reminder.note", n.detail()));
            }
            if (n.postHtml() != null) {
                paragraphs.add(content.excerpt(n.postHtml(), 400));
            }
        } else if (n.kind() == NotificationKind.IDEA_STATUS) {
            int colon = n.detail().indexOf(':');
            String status = colon < 0 ? n.detail() : n.detail().substring(0, colon);
            String note = colon < 0 ? "" : n.detail().substring(colon + 1);
            paragraphs.add(templates.text(locale, "idea.status.now", templates.text(locale,
                    "idea.status." + status.toLowerCase(Locale.ROOT))));
            if (!note.isBlank()) {
                paragraphs.add(note);
            }
        } else if (n.kind() != NotificationKind.BADGE && n.postHtml() != null) {
            paragraphs.add(content.excerpt(n.postHtml(), 400));
        }
        MailContent.Action action = n.kind() == NotificationKind.MESSAGE
                ? new MailContent.Action(templates.text(locale, "notification.open.message"),
                templates.url("/messages/" + n.detail().substring(0, n.detail().indexOf(':'))))
                : n.kind() == NotificationKind.BADGE
                ? new MailContent.Action(templates.text(locale, "notification.open.badge"),
                templates.url("/badges/" + n.detail()))
                : n.kind() == NotificationKind.REVIEW_QUEUE
                ? new MailContent.Action(templates.text(locale, "notification.open.queue"),
                templates.url("/admin/review"))
                : n.threadId() == null
                ? new MailContent.Action(templates.text(locale, "notification.open.inbox"),
                templates.url("/notifications"))
                : new MailContent.Action(templates.text(locale, "notification.open.post"),
                templates.url("/t/" + n.threadId() + "/" + n.slug() + (n.position() == null ? ""
                        : "#post-" + n.position())));
        MailContent mail = new MailContent(subject, subject, paragraphs, action, List.of(),
                templates.text(locale, "footer.notification", brand),
                new MailContent.Link(templates.text(locale, "footer.stop." + kindKey),
                        unsubscribe.pageUrl(n.memberId(), n.kind().name())));
        mails.queue(n.memberId(), n.email(), "notification." + kindKey, locale, mail,
                unsubscribe.oneClickUrl(n.memberId(), n.kind().name()));
        notifications.markEmailed(notificationId, clock.instant());
    }
}

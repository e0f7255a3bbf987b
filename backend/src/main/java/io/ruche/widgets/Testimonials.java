package io.ruche.widgets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.AccountService;
import io.ruche.accounts.Member;
import io.ruche.accounts.Viewer;
import io.ruche.forum.StaffActionLog;
import io.ruche.mail.MailContent;
import io.ruche.mail.MailQueue;
import io.ruche.mail.MailTemplates;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Members' words on the brand's site, only with their consent: staff propose a post or an excerpt of it; the member
 * sees exactly that text, the sites where it may appear and until when, and accepts (with or without their name and
 * avatar) or declines; they withdraw at any time. The row is the consent record. Widgets show an accepted, unexpired,
 * unwithdrawn testimonial that staff keep shown, and only on a site its scope names.
 */
@Singleton
public class Testimonials {

    private final Sql sql;
    private final AccountService accounts;
    private final MailQueue mails;
    private final MailTemplates templates;
    private final StaffActionLog audit;
    private final WidgetVersion version;
    private final Clock clock;

    public Testimonials(Sql sql, AccountService accounts, MailQueue mails, MailTemplates templates,
                        StaffActionLog audit, WidgetVersion version, Clock clock) {
        this.sql = sql;
        this.accounts = accounts;
        this.mails = mails;
        this.templates = templates;
        this.audit = audit;
        this.version = version;
        this.clock = clock;
    }

    @Serdeable
    public record Proposal(long postId, @Nullable String text, @Nullable List<String> origins,
                           @Nullable LocalDate until) {
    }

    /** The consent record, as the member and staff see it. */
    @Serdeable
    public record Record(long id, long postId, String threadPath, String username, String displayName, String text,
                         List<String> origins, Instant expiresAt, String status, boolean showIdentity, boolean shown,
                         Instant proposedAt, @Nullable Instant answeredAt, @Nullable Instant withdrawnAt,
                         boolean live) {
    }

    /** What a widget shows. */
    public record Shown(long id, String text, @Nullable String name, @Nullable String avatarUrl, String link) {
    }

    private static final String COLUMNS = "SELECT t.id, t.post_id, p.thread_id, th.slug, m.username, m.display_name, "
            + "t.text, t.origins, t.expires_at, t.status, t.show_identity, t.shown, t.proposed_at, t.answered_at, "
            + "t.withdrawn_at FROM testimonials t JOIN members m ON m.id = t.member_id JOIN posts p ON p.id = t.post_id "
            + "JOIN threads th ON th.id = p.thread_id ";

    private Record row(java.sql.ResultSet rs) throws java.sql.SQLException {
        Instant expires = Sql.instant(rs, 9);
        String status = rs.getString(10);
        boolean live = "ACCEPTED".equals(status) && expires.isAfter(clock.instant());
        String origins = rs.getString(8);
        return new Record(rs.getLong(1), rs.getLong(2), "/t/" + rs.getLong(3) + "/" + rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), origins.isBlank() ? List.of() : Arrays.asList(origins.split(" ")),
                expires, live || !"ACCEPTED".equals(status) ? status : "EXPIRED", rs.getBoolean(11), rs.getBoolean(12),
                Sql.instant(rs, 13), Sql.instant(rs, 14), Sql.instant(rs, 15), live);
    }

    /** Staff propose: the text must come from the post (all of it, or a part), the sites must be allowed ones. */
    @Transactional
    public Record propose(Viewer staff, Proposal p, Set<String> allowedOrigins) {
        List<String[]> post = sql.query("SELECT p.author_id, p.body_source FROM posts p JOIN threads t ON t.id = p.thread_id "
                + "JOIN categories c ON c.id = t.category_id WHERE p.id = ? AND p.deleted_at IS NULL AND p.hidden_at IS NULL "
                + "AND c.everyone_see", List.of(p.postId()), rs -> new String[] {rs.getString(1), rs.getString(2)});
        if (post.isEmpty()) {
            throw Problems.invalidField("postId", "validation.testimonialPost");
        }
        String text = p.text() == null || p.text().isBlank() ? post.get(0)[1].strip() : p.text().strip();
        if (text.length() > 800 || !normalize(post.get(0)[1]).contains(normalize(text))) {
            throw Problems.invalidField("text", "validation.testimonialText");
        }
        Set<String> origins = new LinkedHashSet<>();
        for (String raw : p.origins() == null ? List.<String>of() : p.origins()) {
            String origin = WidgetOrigins.normalize(raw);
            if (!allowedOrigins.contains(origin)) {
                throw Problems.invalidField("origins", "validation.testimonialOrigin");
            }
            origins.add(origin);
        }
        LocalDate until = p.until() == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusYears(1) : p.until();
        if (!until.isAfter(LocalDate.now(clock.withZone(ZoneOffset.UTC))) || until.isAfter(LocalDate.now(
                clock.withZone(ZoneOffset.UTC)).plusYears(3))) {
            throw Problems.invalidField("until", "validation.testimonialUntil");
        }
        long memberId = Long.parseLong(post.get(0)[0]);
        long id = sql.insert("INSERT INTO testimonials (post_id, member_id, text, origins, expires_at, status, "
                        + "proposed_by, proposed_at) VALUES (?, ?, ?, ?, ?, 'PROPOSED', ?, ?)",
                List.of(p.postId(), memberId, text, String.join(" ", origins), until.plusDays(1).atStartOfDay()
                        .toInstant(ZoneOffset.UTC), staff.requireMember(), clock.instant()));
        audit.record(staff.requireMember(), "testimonial.proposed", "post", p.postId(), cut(text), null);
        Member member = accounts.byId(memberId);
        Locale locale = MailTemplates.localeOf(member.locale());
        String where = origins.isEmpty() ? templates.text(locale, "testimonial.anySite") : String.join(", ", origins);
        mails.queue(memberId, member.email(), "testimonial.request", locale, new MailContent(
                templates.text(locale, "testimonial.subject"), templates.text(locale, "testimonial.heading"),
                List.of(templates.text(locale, "testimonial.intro"), "« " + text + " »",
                        templates.text(locale, "testimonial.scope", where, until.toString())),
                new MailContent.Action(templates.text(locale, "testimonial.answer"), templates.url("/me/testimonials")),
                List.of(), templates.text(locale, "testimonial.footer"), null), null);
        return byId(id);
    }

    private static String normalize(String s) {
        return s.replaceAll("[*_`>#\\[\\]()]", "").replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    private static String cut(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    @Transactional(readOnly = true)
    public Record byId(long id) {
        return sql.query(COLUMNS + "WHERE t.id = ?", List.of(id), this::row).stream().findFirst()
                .orElseThrow(() -> Problems.notFound("testimonial"));
    }

    @Transactional(readOnly = true)
    public List<Record> all() {
        return sql.query(COLUMNS + "ORDER BY t.proposed_at DESC, t.id DESC LIMIT 200", List.of(), this::row);
    }

    @Transactional(readOnly = true)
    public List<Record> mine(Viewer member) {
        return sql.query(COLUMNS + "WHERE t.member_id = ? ORDER BY t.proposed_at DESC, t.id DESC",
                List.of(member.requireMember()), this::row);
    }

    /** The member answers a proposal: only their own, only once. */
    @Transactional
    public Record answer(Viewer member, long id, boolean accept, boolean showIdentity) {
        int changed = sql.update("UPDATE testimonials SET status = ?, show_identity = ?, answered_at = ? WHERE id = ? "
                        + "AND member_id = ? AND status = 'PROPOSED'",
                List.of(accept ? "ACCEPTED" : "DECLINED", accept && showIdentity, clock.instant(), id,
                        member.requireMember()));
        if (changed == 0) {
            mineOrNotFound(member, id);
            throw Problems.conflict("status", "problem.testimonialAnswered");
        }
        version.bump();
        return byId(id);
    }

    /** The member withdraws: shown nowhere from the next minute on. */
    @Transactional
    public Record withdraw(Viewer member, long id) {
        int changed = sql.update("UPDATE testimonials SET status = 'WITHDRAWN', withdrawn_at = ? WHERE id = ? "
                + "AND member_id = ? AND status IN ('PROPOSED', 'ACCEPTED')", List.of(clock.instant(), id,
                member.requireMember()));
        if (changed == 0) {
            mineOrNotFound(member, id);
            throw Problems.conflict("status", "problem.testimonialAnswered");
        }
        version.bump();
        return byId(id);
    }

    private void mineOrNotFound(Viewer member, long id) {
        if (sql.query("SELECT 1 FROM testimonials WHERE id = ? AND member_id = ?", List.of(id, member.requireMember()),
                rs -> 1).isEmpty()) {
            throw Problems.notFound("testimonial");
        }
    }

    /** Staff keep an accepted testimonial shown or not. */
    @Transactional
    public Record curate(Viewer staff, long id, boolean shown) {
        if (sql.update("UPDATE testimonials SET shown = ? WHERE id = ?", List.of(shown, id)) == 0) {
            throw Problems.notFound("testimonial");
        }
        audit.record(staff.requireMember(), shown ? "testimonial.shown" : "testimonial.hidden", "testimonial", id, "",
                null);
        version.bump();
        return byId(id);
    }

    /** What the widget on {@code origin} (null: the forum itself or an unknown site) may show now. */
    @Transactional(readOnly = true)
    public List<Shown> live(@Nullable String origin, int limit) {
        List<Shown> out = new ArrayList<>();
        for (Record r : sql.query(COLUMNS + "WHERE t.status = 'ACCEPTED' AND t.shown AND t.expires_at > ? "
                + "ORDER BY t.answered_at DESC, t.id DESC LIMIT 100", List.of(clock.instant()), this::row)) {
            if (!r.origins().isEmpty() && (origin == null || !r.origins().contains(origin))) {
                continue; // beyond the scope the member accepted
            }
            out.add(new Shown(r.id(), r.text(), r.showIdentity() ? r.displayName() : null,
                    r.showIdentity() ? io.ruche.accounts.AccountViews.avatarPath(r.username()) : null, r.threadPath()));
            if (out.size() >= limit) {
                break;
            }
        }
        return out;
    }
}

package io.ruche.analytics;

import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.AccountService;
import io.ruche.accounts.Member;
import io.ruche.accounts.Viewer;
import io.ruche.forum.StaffActionLog;
import io.ruche.mail.MailContent;
import io.ruche.mail.MailQueue;
import io.ruche.mail.MailTemplates;
import io.ruche.platform.Problems;
import io.ruche.platform.RateLimiter;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A manager writes to a contributor drifting away, from the at-risk list: a personal mail in the member's language
 * frame (the text is the manager's), signed with the manager's name, recorded so the list shows who wrote and when,
 * and audited. Until private messages exist, mail is the channel every member reads.
 */
@Singleton
public class ReachOut {

    static final int PER_HOUR = 30;

    private final Sql sql;
    private final AccountService accounts;
    private final MailQueue mails;
    private final MailTemplates templates;
    private final RateLimiter rateLimiter;
    private final StaffActionLog audit;
    private final Clock clock;

    public ReachOut(Sql sql, AccountService accounts, MailQueue mails, MailTemplates templates, RateLimiter rateLimiter,
                    StaffActionLog audit, Clock clock) {
        this.sql = sql;
        this.accounts = accounts;
        this.mails = mails;
        this.templates = templates;
        this.rateLimiter = rateLimiter;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public void send(Viewer staff, long memberId, String subject, String body) {
        check(subject, body);
        long staffId = staff.requireMember();
        Member member = accounts.byId(memberId);
        Member writer = accounts.byId(staffId);
        rateLimiter.hit("reach-out:" + staffId, PER_HOUR, Duration.ofHours(1));
        Locale locale = MailTemplates.localeOf(member.locale());
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : body.strip().split("\\R\\s*\\R")) {
            if (!paragraph.isBlank()) {
                paragraphs.add(paragraph.strip());
            }
        }
        MailContent content = new MailContent(subject.strip(),
                templates.text(locale, "analytics.reach.heading", writer.displayName()), paragraphs,
                new MailContent.Action(templates.text(locale, "analytics.reach.open"), templates.url("/")), List.of(),
                templates.text(locale, "analytics.reach.footer", writer.displayName()), null);
        mails.queue(memberId, member.email(), "analytics.reach-out", locale, content, null);
        sql.update("INSERT INTO analytics_reach_outs (member_id, staff_id, sent_at) VALUES (?, ?, ?)",
                List.of(memberId, staffId, clock.instant()));
        audit.record(staffId, "member.reachOut", "member", memberId, "wrote to @" + member.username() + ": "
                + subject.strip(), null);
    }

    /** The subject (1–150 characters) and the text (1–5,000) must say something. */
    static void check(String subject, String body) {
        if (subject == null || subject.isBlank() || subject.length() > 150) {
            throw Problems.invalidField("subject", "validation.reachSubject");
        }
        if (body == null || body.isBlank() || body.length() > 5000) {
            throw Problems.invalidField("body", "validation.reachBody");
        }
    }
}

package io.ruche.moderation;

import io.ruche.platform.SiteSettings;
import io.micronaut.core.annotation.Nullable;
import io.ruche.accounts.Viewer;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import io.ruche.forum.PublishingPolicy.Screening;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every thread and reply passes here before it is written: silenced members are refused, slow mode is applied,
 * watched words block, censor, link, hold or flag, new members' links and images are limited, and posts in
 * pre-moderated categories, under crisis mode or by members still in their first posts wait for a moderator.
 * Staff pass straight through.
 */
@Singleton
public class PublishingGate {

    private static final Pattern LINK = Pattern.compile("(?i)\\bhttps?://|\\bwww\\.|\\]\\(");
    private static final Pattern IMAGE = Pattern.compile("!\\[");

    private final Sql sql;
    private final Clock clock;
    private final SiteSettings site;
    private final WatchedWords watchedWords;

    private final io.ruche.accounts.AccountService accounts;

    public PublishingGate(Sql sql, Clock clock, SiteSettings site, WatchedWords watchedWords,
                          io.ruche.accounts.AccountService accounts) {
        this.accounts = accounts;
        this.sql = sql;
        this.clock = clock;
        this.site = site;
        this.watchedWords = watchedWords;
    }



    /**
     * {@code threadId} is null for a new thread; {@code slowModeSeconds} the thread's own setting and
     * {@code categoryPremoderated} the category's, both as forum loaded them.
     */
    public Screening screen(Viewer viewer, long categoryId, boolean categoryPremoderated, @Nullable Long threadId,
                            int slowModeSeconds, @Nullable String title, String body) {
        if (viewer.isStaff()) {
            // Staff skip every hold and limit, but a silence (which only an admin can give them) still applies.
            requireNotSilenced(viewer.memberId());
            return new Screening(title, body, null, "", false, "");
        }
        Instant now = clock.instant();
        io.ruche.accounts.AccountService.Standing standing = accounts.standing(viewer.memberId());
        if (standing.silencedAt(now)) {
            throw Problems.forbidden("problem.silenced");
        }
        SiteSettings.Crisis crisis = site.crisis();
        int slow = Math.max(slowModeSeconds, crisis.covers(categoryId) ? crisis.slowSeconds() : 0);
        if (slow > 0) {
            Instant last = lastPostAt(viewer.memberId(), threadId, categoryId);
            if (last != null && Duration.between(last, now).getSeconds() < slow) {
                long wait = slow - Duration.between(last, now).getSeconds();
                throw Problems.tooManyRequests(wait);
            }
        }
        WatchedWordRules rules = watchedWords.rules();
        String newTitle = title;
        String newBody = body;
        String hold = null;
        String holdDetail = "";
        boolean flag = false;
        String flagDetail = "";
        if (!rules.isEmpty()) {
            if (title != null) {
                WatchedWordRules.Verdict t = rules.apply(title, false);
                if (t.blocked()) {
                    throw Problems.invalidField("title", "validation.watchedWord.blocked");
                }
                newTitle = t.text();
                if (t.approve()) {
                    hold = "WATCHED_WORD";
                    holdDetail = String.join(", ", t.matched());
                }
                flag |= t.flag();
                if (t.flag()) {
                    flagDetail = String.join(", ", t.matched());
                }
            }
            WatchedWordRules.Verdict b = rules.apply(body, true);
            if (b.blocked()) {
                throw Problems.invalidField("body", "validation.watchedWord.blocked");
            }
            newBody = b.text();
            if (b.approve() && hold == null) {
                hold = "WATCHED_WORD";
                holdDetail = String.join(", ", b.matched());
            }
            if (b.flag()) {
                flag = true;
                flagDetail = String.join(", ", b.matched());
            }
        }
        SiteSettings.Settings settings = site.settings();
        // Trust level 0 is a newcomer: links and images wait for a moderator.
        boolean newMember = standing.trustLevel(settings.trustedAfterPosts()) < 1;
        if (newMember) {
            int links = count(LINK, body);
            if (links > settings.newMemberMaxLinks()) {
                throw Problems.invalidField("body", "validation.tooManyLinks");
            }
            if (count(IMAGE, body) > settings.newMemberMaxImages()) {
                throw Problems.invalidField("body", "validation.tooManyImages");
            }
            if (hold == null && links > 0 && settings.approveFirstLink()) {
                hold = "LINKS";
            }
        }
        if (hold == null && standing.approvedPosts() < settings.newMemberApproval()) {
            hold = "NEW_MEMBER";
        }
        if (hold == null && categoryPremoderated) {
            hold = "CATEGORY";
        }
        if (hold == null && crisis.covers(categoryId)) {
            hold = "CRISIS";
        }
        return new Screening(newTitle, newBody, hold, holdDetail, flag, flagDetail);
    }

    /** The member's last post in the thread (slow mode), or in the category for a new thread. */
    @Nullable
    private Instant lastPostAt(long memberId, @Nullable Long threadId, long categoryId) {
        List<Instant> found = threadId != null
                ? sql.query("SELECT MAX(created_at) FROM posts WHERE thread_id = ? AND author_id = ?",
                List.of(threadId, memberId), rs -> Sql.instant(rs, 1))
                : sql.query("SELECT MAX(p.created_at) FROM posts p JOIN threads t ON t.id = p.thread_id "
                + "WHERE p.author_id = ? AND t.category_id = ?", List.of(memberId, categoryId), rs -> Sql.instant(rs, 1));
        return found.isEmpty() ? null : found.get(0);
    }

    /** Silenced members read only: no posts, no reactions, no flags. */
    public void requireNotSilenced(Viewer viewer) {
        requireNotSilenced(viewer.memberId());
    }

    /** Also for staff: an admin may silence a moderator, and the silence must hold. */
    public void requireNotSilenced(long memberId) {
        if (accounts.standing(memberId).silencedAt(clock.instant())) {
            throw Problems.forbidden("problem.silenced");
        }
    }

    /** A post was published: one more to the member's standing. */
    public void published(long memberId) {
        accounts.countPublished(memberId);
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}

package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.accounts.CurrentMember;
import io.ruche.forum.ForumViewer;
import io.ruche.forum.ViewerResolver;
import io.ruche.platform.Sql;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Flags from members, and the moderators' console: queue, sanctions, watched words, crisis, audit, staff tools. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ModerationController {

    private final ReviewQueue queue;
    private final Sanctions sanctions;
    private final WatchedWords watchedWords;
    private final SiteSettings site;
    private final AuditLog audit;
    private final StaffTools staffTools;
    private final Bans bans;
    private final ViewerResolver viewers;
    private final Dashboard dashboard;
    private final Invites invites;
    private final io.ruche.platform.Messages messages;
    private final io.ruche.platform.RateLimiter rateLimiter;
    private final io.ruche.platform.ClientAddress clientAddress;
    private final int flagsPerAddress;

    public ModerationController(ReviewQueue queue, Sanctions sanctions, WatchedWords watchedWords, SiteSettings site,
                                AuditLog audit, StaffTools staffTools, Bans bans, ViewerResolver viewers,
                                Dashboard dashboard, Invites invites, io.ruche.platform.Messages messages,
                                io.ruche.platform.RateLimiter rateLimiter, io.ruche.platform.ClientAddress clientAddress,
                                @io.micronaut.context.annotation.Value("${ruche.rate-limits.flags-per-address-hour:60}")
                                int flagsPerAddress) {
        this.invites = invites;
        this.messages = messages;
        this.rateLimiter = rateLimiter;
        this.clientAddress = clientAddress;
        this.flagsPerAddress = flagsPerAddress;
        this.queue = queue;
        this.sanctions = sanctions;
        this.watchedWords = watchedWords;
        this.site = site;
        this.audit = audit;
        this.staffTools = staffTools;
        this.bans = bans;
        this.viewers = viewers;
        this.dashboard = dashboard;
    }

    @Serdeable
    public record Flag(@NotBlank(message = "validation.required") String reason,
                       @Nullable @Size(max = 500, message = "validation.size") String note) {
    }

    @Post("/posts/{id}/flags")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<Void> flag(io.micronaut.http.HttpRequest<?> request, long id, Authentication authentication,
                                   @Body @Valid Flag body) {
        rateLimiter.hit("flag-address:" + clientAddress.of(request), flagsPerAddress, java.time.Duration.ofHours(1));
        queue.flag(viewers.of(authentication), id, body.reason(), body.note() == null ? "" : body.note());
        return HttpResponse.noContent();
    }

    /** The author's own posts waiting for review ("awaiting review" in the thread and on the new-thread page). */
    @Get("/me/pending")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<ReviewQueue.Pending> pending(Authentication authentication, @QueryValue @Nullable Long thread) {
        return queue.pendingOf(CurrentMember.idOf(authentication), thread);
    }

    @Get("/crisis")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public Banner crisisBanner() {
        SiteSettings.Crisis crisis = site.crisis();
        return new Banner(crisis.on(), crisis.on() ? crisis.message() : "", crisis.categoryIds());
    }

    @Serdeable
    public record Banner(boolean on, String message, List<Long> categoryIds) {
    }

    // ---- console: moderators ----

    @Get("/admin/dashboard")
    @Secured("moderator")
    public Dashboard.Counts dashboard() {
        return dashboard.counts();
    }

    @Get("/admin/review")
    @Secured("moderator")
    public ReviewQueue.Page review(Authentication authentication, @QueryValue @Nullable String reason,
                                   @QueryValue @Nullable Long categoryId, @QueryValue @Nullable Integer olderThanHours,
                                   @QueryValue @Nullable Long after, @QueryValue(defaultValue = "20") int limit) {
        return queue.list(viewers.of(authentication), reason, categoryId, olderThanHours, after, limit);
    }

    @Post("/admin/review/{id}/claim")
    @Secured("moderator")
    public HttpResponse<Void> claim(long id, Authentication authentication) {
        queue.claim(viewers.of(authentication), id);
        return HttpResponse.noContent();
    }

    @Delete("/admin/review/{id}/claim")
    @Secured("moderator")
    public HttpResponse<Void> release(long id, Authentication authentication) {
        queue.release(viewers.of(authentication), id);
        return HttpResponse.noContent();
    }

    @Serdeable
    public record Act(@NotNull(message = "validation.required") List<Long> ids,
                      @NotNull(message = "validation.required") ReviewQueue.Action action,
                      @Nullable @Size(max = 500, message = "validation.size") String reason,
                      @Nullable Integer hours) {
    }

    @Serdeable
    public record Done(int count) {
    }

    @Post("/admin/review/actions")
    @Secured("moderator")
    public Done act(Authentication authentication, @Body @Valid Act body) {
        return new Done(queue.act(viewers.of(authentication), body.ids(), body.action(), body.reason(), body.hours()));
    }

    @Serdeable
    public record Edit(@NotBlank(message = "validation.required") @Size(max = 50_000) String body) {
    }

    @Post("/admin/review/{id}/edit")
    @Secured("moderator")
    public HttpResponse<Void> edit(long id, Authentication authentication, @Body @Valid Edit body) {
        queue.edit(viewers.of(authentication), id, body.body());
        return HttpResponse.noContent();
    }

    @Serdeable
    public record Sanction(@NotNull(message = "validation.required") Sanctions.Kind kind,
                           @NotBlank(message = "validation.required") @Size(max = 500) String reason,
                           @Nullable Integer hours) {
    }

    @Get("/admin/members/{username}/sanctions")
    @Secured("moderator")
    public List<Sanctions.Sanction> sanctions(String username) {
        return sanctions.history(staffToolsMemberId(username));
    }

    private long staffToolsMemberId(String username) {
        return dashboard.memberId(username);
    }

    @Post("/admin/members/{username}/sanctions")
    @Secured("moderator")
    public Sanctions.Sanction sanction(String username, Authentication authentication, @Body @Valid Sanction body) {
        ForumViewer staff = viewers.of(authentication);
        return sanctions.apply(staff.memberId(), staff.isAdmin(), username, body.kind(), body.reason(), body.hours());
    }

    @Serdeable
    public record Reason(@Nullable @Size(max = 500) String reason) {
    }

    @Post("/admin/sanctions/{id}/lift")
    @Secured("moderator")
    public HttpResponse<Void> lift(long id, Authentication authentication, @Body @Valid Reason body) {
        ForumViewer staff = viewers.of(authentication);
        sanctions.lift(staff.memberId(), staff.isAdmin(), id, body.reason());
        return HttpResponse.noContent();
    }

    @Serdeable
    public record NoteBody(@NotBlank(message = "validation.required") @Size(max = 2000) String body) {
    }

    @Get("/admin/members/{username}/notes")
    @Secured("moderator")
    public List<StaffTools.Note> notes(String username) {
        return staffTools.notes(username);
    }

    @Post("/admin/members/{username}/notes")
    @Secured("moderator")
    public List<StaffTools.Note> addNote(String username, Authentication authentication, @Body @Valid NoteBody body) {
        return staffTools.addNote(CurrentMember.idOf(authentication), username, body.body());
    }

    @Get("/admin/canned-replies")
    @Secured("moderator")
    public List<StaffTools.Canned> canned() {
        return staffTools.canned();
    }

    @Serdeable
    public record CannedBody(@NotBlank(message = "validation.required") String title,
                             @NotBlank(message = "validation.required") String body) {
    }

    @Post("/admin/canned-replies")
    @Secured("moderator")
    public StaffTools.Canned addCanned(Authentication authentication, @Body @Valid CannedBody body) {
        return staffTools.addCanned(CurrentMember.idOf(authentication), body.title(), body.body());
    }

    @Delete("/admin/canned-replies/{id}")
    @Secured("moderator")
    public HttpResponse<Void> removeCanned(long id, Authentication authentication) {
        staffTools.removeCanned(CurrentMember.idOf(authentication), id);
        return HttpResponse.noContent();
    }

    @Get("/admin/watched-words")
    @Secured("moderator")
    public List<WatchedWordRules.Rule> watchedWords() {
        return watchedWords.list();
    }

    @Post("/admin/watched-words")
    @Secured("moderator")
    public List<WatchedWordRules.Rule> addWatchedWord(Authentication authentication, @Body WatchedWords.Save body) {
        long actor = CurrentMember.idOf(authentication);
        long id = watchedWords.add(actor, body);
        auditWord(actor, "watchedWord.add", id, body.action() + " " + body.kind() + " " + body.pattern());
        return watchedWords.list();
    }

    @Delete("/admin/watched-words/{id}")
    @Secured("moderator")
    public HttpResponse<Void> removeWatchedWord(long id, Authentication authentication) {
        String pattern = watchedWords.remove(id);
        auditWord(CurrentMember.idOf(authentication), "watchedWord.remove", id, pattern);
        return HttpResponse.noContent();
    }

    private void auditWord(long actor, String action, long id, String summary) {
        dashboard.audit(actor, action, "watchedWord", id, summary);
    }

    @Serdeable
    public record Try(@Nullable WatchedWords.Save rule, @NotNull(message = "validation.required")
                      @Size(max = 10_000) String sample) {
    }

    @Post("/admin/watched-words/test")
    @Secured("moderator")
    public WatchedWordRules.Verdict testWatchedWords(@Body @Valid Try body) {
        return watchedWords.test(body.rule(), body.sample());
    }

    @Get("/admin/audit")
    @Secured("moderator")
    public AuditLog.Page audit(@QueryValue @Nullable String action, @QueryValue @Nullable String actor,
                               @QueryValue @Nullable String q, @QueryValue @Nullable Long before,
                               @QueryValue(defaultValue = "50") int limit) {
        return audit.search(action, actor, q, before, limit);
    }

    @Serdeable
    public record CrisisSwitch(boolean on, @NotNull(message = "validation.required") @Size(max = 500) String message,
                               @NotNull(message = "validation.required") List<Long> categoryIds, int slowSeconds) {
    }

    @Get("/admin/crisis")
    @Secured("moderator")
    public SiteSettings.Crisis crisis() {
        return site.crisis();
    }

    /** The one switch: pre-moderation and slow mode for everyone (in the chosen categories), and a banner. */
    @Put("/admin/crisis")
    @Secured("moderator")
    public SiteSettings.Crisis setCrisis(Authentication authentication, @Body @Valid CrisisSwitch body) {
        long actor = CurrentMember.idOf(authentication);
        SiteSettings.Crisis crisis = dashboard.setCrisis(actor, body.on(), body.message(), body.categoryIds(),
                body.slowSeconds());
        return crisis;
    }

    // ---- console: administrators ----

    @Get("/admin/settings")
    @Secured("admin")
    public SiteSettings.Settings settings() {
        return site.settings();
    }

    @Put("/admin/settings")
    @Secured("admin")
    public SiteSettings.Settings saveSettings(Authentication authentication, @Body SiteSettings.Settings body) {
        return dashboard.saveSettings(CurrentMember.idOf(authentication), body);
    }

    @Get("/admin/invites")
    @Secured("admin")
    public List<Invites.Invite> invites() {
        return invites.recent();
    }

    @Serdeable
    public record InviteBody(@Nullable String email) {
    }

    @Post("/admin/invites")
    @Secured("admin")
    public Invites.Created invite(io.micronaut.http.HttpRequest<?> request, Authentication authentication,
                                  @Body InviteBody body) {
        return invites.create(CurrentMember.idOf(authentication), body.email(), messages.localeOf(request));
    }

    @Get("/admin/bans")
    @Secured("admin")
    public List<Bans.Ban> bans() {
        return bans.list();
    }

    @Serdeable
    public record BanBody(@NotNull(message = "validation.required") Bans.Kind kind,
                          @NotBlank(message = "validation.required") String value, @Nullable String reason) {
    }

    @Post("/admin/bans")
    @Secured("admin")
    public Bans.Ban ban(Authentication authentication, @Body @Valid BanBody body) {
        return bans.add(CurrentMember.idOf(authentication), body.kind(), body.value(), body.reason());
    }

    @Delete("/admin/bans/{id}")
    @Secured("admin")
    public HttpResponse<Void> unban(long id, Authentication authentication) {
        bans.remove(CurrentMember.idOf(authentication), id);
        return HttpResponse.noContent();
    }
}

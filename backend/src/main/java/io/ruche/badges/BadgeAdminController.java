package io.ruche.badges;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.ruche.accounts.Viewer;
import jakarta.validation.Valid;

import java.util.List;

/** The badge console: staff (moderators and admins) make, try, switch on, grant and revoke badges. */
@Controller("/api/v1/admin/badges")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("moderator")
public class BadgeAdminController {

    private final BadgeAdministration administration;
    private final BadgeBackfills backfills;
    private final BadgeQueries queries;
    private final BadgeSettings settings;
    private final BadgeNightly nightly;
    private final TrustLevels trust;

    public BadgeAdminController(BadgeAdministration administration, BadgeBackfills backfills, BadgeQueries queries,
                                BadgeSettings settings, BadgeNightly nightly, TrustLevels trust) {
        this.settings = settings;
        this.nightly = nightly;
        this.trust = trust;
        this.administration = administration;
        this.backfills = backfills;
        this.queries = queries;
    }

    /** Every badge, switched off ones included. */
    @Get
    public List<BadgeViews.BadgeView> list(Viewer viewer) {
        return queries.catalogue(viewer);
    }

    @Post
    public HttpResponse<BadgeViews.BadgeView> create(@Body @Valid BadgeRequests.Save body, Viewer viewer) {
        return HttpResponse.status(HttpStatus.CREATED).body(BadgeViews.BadgeView.of(administration.create(viewer, body), 0));
    }

    @Patch("/{id}")
    public BadgeViews.BadgeView update(long id, @Body @Valid BadgeRequests.Save body, Viewer viewer) {
        return BadgeViews.BadgeView.of(administration.update(viewer, id, body), 0);
    }

    /** Who a rule would grant now, before anything is granted. */
    @Post("/dry-run")
    public BadgeAdministration.DryRun dryRun(@Body BadgeTemplate rule) {
        return administration.dryRun(rule);
    }

    @Put("/{id}/enabled")
    public BadgeViews.BadgeView enable(long id, @Body BadgeRequests.Switch body, Viewer viewer) {
        return BadgeViews.BadgeView.of(administration.setEnabled(viewer, id, body.on()), 0);
    }

    @Put("/{id}/retired")
    public BadgeViews.BadgeView retire(long id, @Body BadgeRequests.Switch body, Viewer viewer) {
        return BadgeViews.BadgeView.of(administration.setRetired(viewer, id, body.on()), 0);
    }

    @Post("/{id}/grants")
    public BadgeAdministration.GrantResult grant(long id, @Body @Valid BadgeRequests.Grant body, Viewer viewer) {
        return administration.grant(viewer, id, body.usernames(), body.reason());
    }

    @Delete("/grants/{grantId}")
    public HttpResponse<?> revoke(long grantId, @Body @Valid BadgeRequests.Revoke body, Viewer viewer) {
        administration.revoke(viewer, grantId, body.reason());
        return HttpResponse.noContent();
    }

    /** The latest backfills of the badge, with their progress. */
    @Get("/{id}/backfills")
    public List<BadgeBackfills.Progress> backfills(long id) {
        return backfills.ofBadge(id);
    }

    @Get("/settings")
    public BadgeSettings.Points settings() {
        return settings.points();
    }

    @Put("/settings")
    @Secured("admin")
    public BadgeSettings.Points saveSettings(@Body BadgeSettings.Points body, Viewer viewer) {
        return settings.save(viewer.requireMember(), body);
    }

    /** Members whose likes received jumped this week. */
    @Get("/jumps")
    public List<BadgeViews.Jump> jumps() {
        return queries.jumps(java.time.Instant.now());
    }

    @io.micronaut.serde.annotation.Serdeable
    public record NightlyRun(int anniversaries, long millis) {
    }

    /** Runs the nightly pass now (anniversaries, visit days, trust levels in their grace period). Admins only. */
    @Post("/nightly")
    @Secured("admin")
    public NightlyRun nightly() {
        long start = System.nanoTime();
        int granted = nightly.run(java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        trust.runNightly();
        return new NightlyRun(granted, (System.nanoTime() - start) / 1_000_000);
    }
}

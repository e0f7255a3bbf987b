package io.ruche.badges;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.ruche.accounts.AccountService;
import io.ruche.accounts.Viewer;

import java.util.List;

/** The badges everyone can read: the catalogue, a badge's holders, a member's badges. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class BadgeController {

    private final BadgeQueries queries;
    private final AccountService accounts;
    private final BadgeSettings settings;
    private final BadgeLedger ledger;
    private final java.time.Clock clock;

    public BadgeController(BadgeQueries queries, AccountService accounts, BadgeSettings settings, BadgeLedger ledger,
                           java.time.Clock clock) {
        this.queries = queries;
        this.accounts = accounts;
        this.settings = settings;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Get("/badges")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public List<BadgeViews.BadgeView> catalogue(Viewer viewer) {
        return queries.catalogue(viewer);
    }

    /** The badge with its latest holders; {@code before} pages on (the last grant id shown). */
    @Get("/badges/{id}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public BadgeViews.HolderPage badge(long id, Viewer viewer) {
        return queries.holders(viewer, id, null, 20);
    }

    @Get("/badges/{id}/holders")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public BadgeViews.HolderPage holders(long id, @QueryValue @Nullable Long before,
                                         @QueryValue(defaultValue = "30") int limit, Viewer viewer) {
        return queries.holders(viewer, id, before, limit);
    }

    @Get("/members/{username}/badges")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public List<BadgeViews.MemberBadge> ofMember(String username, Viewer viewer) {
        return queries.ofMember(viewer, accounts.byUsername(username).id());
    }

    /** The week's, month's or year's most helpful members. */
    @Get("/leaderboard")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public List<BadgeViews.Leader> leaderboard(@QueryValue(defaultValue = "week") String period) {
        return queries.leaderboard(period, settings.points().staffOnBoard(),
                java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
    }

    /** The signed-in member's way to their next badges. */
    @Get("/me/badge-progress")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<BadgeViews.Progress> progress(Viewer viewer) {
        return queries.progress(viewer.requireMember(), ledger,
                java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
    }

    /** The titles of these members (comma-separated usernames, at most 100). */
    @Get("/badges/titles")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public List<BadgeViews.Title> titles(@QueryValue(defaultValue = "") String usernames) {
        return queries.titles(List.of(usernames.split(",")));
    }

    /** The signed-in member picks the badge shown as their title (null: none). */
    @io.micronaut.http.annotation.Put("/me/title")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public io.micronaut.http.HttpResponse<?> chooseTitle(@io.micronaut.http.annotation.Body BadgeViews.ChooseTitle body,
                                                         Viewer viewer) {
        queries.chooseTitle(viewer.requireMember(), body.badgeId());
        return io.micronaut.http.HttpResponse.noContent();
    }
}

package io.ruche.moderation;

import io.ruche.accounts.Viewer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.platform.SiteSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The site as a whole: crisis mode (and its public banner), settings, invitations, bans. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SiteAdminController {

    private final SiteSettings site;
    private final Bans bans;
    private final SiteAdministration administration;
    private final Invites invites;
    private final io.ruche.platform.Messages messages;

    public SiteAdminController(SiteSettings site,
                               Bans bans,
                               SiteAdministration administration,
                               Invites invites,
                               io.ruche.platform.Messages messages) {
        this.site = site;
        this.bans = bans;
        this.administration = administration;
        this.invites = invites;
        this.messages = messages;
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
    public SiteSettings.Crisis setCrisis(Viewer viewer, @Body @Valid CrisisSwitch body) {
        long actor = viewer.memberId();
        SiteSettings.Crisis crisis = administration.setCrisis(actor, body.on(), body.message(), body.categoryIds(),
                body.slowSeconds());
        return crisis;
    }

    @Get("/admin/settings")
    @Secured("admin")
    public SiteSettings.Settings settings() {
        return site.settings();
    }

    @Put("/admin/settings")
    @Secured("admin")
    public SiteSettings.Settings saveSettings(Viewer viewer, @Body SiteSettings.Settings body) {
        return administration.saveSettings(viewer.memberId(), body);
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
    public Invites.Created invite(io.micronaut.http.HttpRequest<?> request, Viewer viewer,
                                  @Body InviteBody body) {
        return invites.create(viewer.memberId(), body.email(), messages.localeOf(request));
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
    public Bans.Ban ban(Viewer viewer, @Body @Valid BanBody body) {
        return bans.add(viewer.memberId(), body.kind(), body.value(), body.reason());
    }

    @Delete("/admin/bans/{id}")
    @Secured("admin")
    public HttpResponse<Void> unban(long id, Viewer viewer) {
        bans.remove(viewer.memberId(), id);
        return HttpResponse.noContent();
    }
}

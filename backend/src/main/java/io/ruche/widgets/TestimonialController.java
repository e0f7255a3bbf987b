package io.ruche.widgets;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.accounts.Viewer;

import java.util.List;

/** Testimonials: staff propose and curate; each member answers and withdraws their own. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TestimonialController {

    private final Testimonials testimonials;
    private final WidgetOrigins origins;

    public TestimonialController(Testimonials testimonials, WidgetOrigins origins) {
        this.testimonials = testimonials;
        this.origins = origins;
    }

    @Serdeable
    public record Answer(boolean accept, boolean showIdentity) {
    }

    @Serdeable
    public record Curation(boolean shown) {
    }

    @Get("/admin/testimonials")
    @Secured({"moderator", "admin"})
    public List<Testimonials.Record> all() {
        return testimonials.all();
    }

    @Post("/admin/testimonials")
    @Secured({"moderator", "admin"})
    public io.micronaut.http.HttpResponse<Testimonials.Record> propose(@Body Testimonials.Proposal body, Viewer viewer) {
        return io.micronaut.http.HttpResponse.created(testimonials.propose(viewer, body, origins.allowed()));
    }

    @Put("/admin/testimonials/{id}/shown")
    @Secured({"moderator", "admin"})
    public Testimonials.Record curate(long id, @Body Curation body, Viewer viewer) {
        return testimonials.curate(viewer, id, body.shown());
    }

    @Get("/me/testimonials")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<Testimonials.Record> mine(Viewer viewer) {
        return testimonials.mine(viewer);
    }

    @Post("/me/testimonials/{id}/answer")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Testimonials.Record answer(long id, @Body Answer body, Viewer viewer) {
        return testimonials.answer(viewer, id, body.accept(), body.showIdentity());
    }

    @Post("/me/testimonials/{id}/withdraw")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public Testimonials.Record withdraw(long id, Viewer viewer) {
        return testimonials.withdraw(viewer, id);
    }
}

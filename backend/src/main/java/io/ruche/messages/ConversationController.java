package io.ruche.messages;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.accounts.Viewer;
import io.ruche.platform.TextRules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Private conversations: a member's own (participants only), and flagged ones for staff. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ConversationController {

    private final Conversations conversations;

    public ConversationController(Conversations conversations) {
        this.conversations = conversations;
    }

    @Serdeable
    public record Start(@Nullable @Size(max = Conversations.MAX_RECIPIENTS, message = "validation.recipient.tooMany")
                        List<@Size(max = 32) String> recipients,
                        @Nullable @Size(max = 1, message = "validation.recipient.oneGroup") List<@Size(max = 64) String> groups,
                        @NotBlank(message = "validation.required") @Size(max = 200, message = "validation.size")
                        @Pattern(regexp = TextRules.SINGLE_LINE, message = TextRules.MESSAGE) String subject,
                        @NotBlank(message = "validation.required") @Size(max = 20000, message = "validation.size")
                        String body) {
    }

    @Serdeable
    public record Reply(@NotBlank(message = "validation.required") @Size(max = 20000, message = "validation.size")
                        String body) {
    }

    @Serdeable
    public record Flag(@NotBlank(message = "validation.required")
                       @Pattern(regexp = "SPAM|HARASSMENT|INAPPROPRIATE|OTHER", message = "validation.flagReason")
                       String reason,
                       @Nullable @Size(max = 500, message = "validation.size") String note) {
    }

    @Serdeable
    public record Unread(int unread) {
    }

    @Get("/conversations{?after}")
    public Conversations.InboxPage inbox(Viewer viewer, @Nullable @QueryValue String after) {
        return conversations.inbox(viewer, after);
    }

    @Get("/conversations/unread-count")
    public Unread unread(Viewer viewer) {
        return new Unread(conversations.unread(viewer));
    }

    @Post("/conversations")
    public HttpResponse<Conversations.ConversationView> start(Viewer viewer, @Body @Valid Start body) {
        return HttpResponse.created(conversations.start(viewer, body.recipients() == null ? List.of() : body.recipients(),
                body.groups() == null ? List.of() : body.groups(), body.subject(), body.body()));
    }

    @Get("/conversations/{id}{?after}")
    public Conversations.ConversationView read(Viewer viewer, @PathVariable long id, @Nullable @QueryValue Long after) {
        return conversations.read(viewer, id, after);
    }

    @Post("/conversations/{id}/messages")
    public HttpResponse<Conversations.MessageView> reply(Viewer viewer, @PathVariable long id, @Body @Valid Reply body) {
        return HttpResponse.created(conversations.reply(viewer, id, body.body()));
    }

    @Post("/conversations/{id}/leave")
    public HttpResponse<Void> leave(Viewer viewer, @PathVariable long id) {
        conversations.leave(viewer, id);
        return HttpResponse.noContent();
    }

    @Post("/messages/{id}/flags")
    public HttpResponse<Void> flag(Viewer viewer, @PathVariable long id, @Body @Valid Flag body) {
        conversations.flag(viewer, id, body.reason(), body.note() == null ? "" : body.note());
        return HttpResponse.noContent();
    }

    /** Staff: open flags on messages (403 for members). */
    @Get("/admin/message-flags")
    public List<Conversations.FlaggedView> flagged(Viewer viewer) {
        return conversations.flagged(viewer);
    }

    @Post("/admin/message-flags/{conversationId}/resolve")
    public HttpResponse<Void> resolve(Viewer viewer, @PathVariable long conversationId) {
        conversations.resolve(viewer, conversationId);
        return HttpResponse.noContent();
    }
}

package io.ruche.mail;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.ruche.platform.Messages;
import io.ruche.platform.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The console's mail page: the configuration in use, the queue, failed mails and their retry, a test mail. */
@Controller("/api/v1/admin/mail")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("admin")
public class AdminMailController {

    private final MailSettings settings;
    private final MailQueue queue;
    private final MailTransport transport;
    private final MailTemplates templates;
    private final Messages messages;

    public AdminMailController(MailSettings settings, MailQueue queue, MailTransport transport,
                               MailTemplates templates, Messages messages) {
        this.settings = settings;
        this.queue = queue;
        this.transport = transport;
        this.templates = templates;
        this.messages = messages;
    }

    @Serdeable
    public record Status(MailSettings.View settings, MailQueue.Counts counts) {
    }

    @Get
    public Status status() {
        return new Status(settings.view(), queue.counts());
    }

    @Get("/messages")
    public MailQueue.MailPage messages(@QueryValue(defaultValue = "FAILED") @Pattern(regexp = "QUEUED|SENT|FAILED")
                                       String status, @QueryValue @Nullable Long before,
                                       @QueryValue(defaultValue = "25") int limit) {
        return queue.list(status, before, limit);
    }

    @Serdeable
    public record Retry(@NotNull(message = "validation.required") List<Long> ids) {
    }

    @Serdeable
    public record Retried(int count) {
    }

    /** Puts failed mails back in the queue; an empty list retries every failed mail. */
    @Post("/retry")
    public Retried retry(@Body @Valid Retry body) {
        return new Retried(queue.retry(body.ids()));
    }

    @Serdeable
    public record TestMail(@NotBlank(message = "validation.required") @Email(message = "validation.email")
                           String to) {
    }

    @Serdeable
    public record TestResult(String mode, String to) {
    }

    /**
     * Sends a test mail right away, outside the queue, so the admin sees at once whether the server accepts it;
     * a refusal comes back as a problem with the server's own words.
     */
    @Post("/test")
    public TestResult test(HttpRequest<?> request, @Body @Valid TestMail body) {
        Locale locale = messages.localeOf(request);
        String brand = templates.brandName(locale);
        String subject = templates.text(locale, "test.subject", brand);
        MailContent content = new MailContent(subject, subject,
                List.of(templates.text(locale, "test.body", settings.smtpConfigured() ? settings.host() : "outbox")),
                new MailContent.Action(templates.text(locale, "test.open", brand), templates.url("/")), List.of(),
                templates.text(locale, "footer.test", brand), null);
        try {
            transport.send(new MailTransport.Outgoing(body.to(), subject, templates.plainText(content, locale),
                    templates.html(content, locale), "ruche.test." + UUID.randomUUID() + "@ruche", null));
        } catch (Exception e) {
            throw Problems.unavailable("problem.mailTest", String.valueOf(e.getMessage()));
        }
        return new TestResult(settings.smtpConfigured() ? "SMTP" : "OUTBOX", body.to());
    }
}

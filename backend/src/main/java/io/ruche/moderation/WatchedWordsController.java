package io.ruche.moderation;

import io.ruche.accounts.Viewer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Watched words: list, save, remove, and try on a sample before saving. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class WatchedWordsController {

    private final WatchedWords watchedWords;
    private final SiteAdministration administration;

    public WatchedWordsController(WatchedWords watchedWords,
                                  SiteAdministration administration) {
        this.watchedWords = watchedWords;
        this.administration = administration;
    }

    @Get("/admin/watched-words")
    @Secured("moderator")
    public List<WatchedWordRules.Rule> watchedWords() {
        return watchedWords.list();
    }

    @Post("/admin/watched-words")
    @Secured("moderator")
    public List<WatchedWordRules.Rule> addWatchedWord(Viewer viewer, @Body WatchedWords.Save body) {
        long actor = viewer.memberId();
        long id = watchedWords.add(actor, body);
        auditWord(actor, "watchedWord.add", id, body.action() + " " + body.kind() + " " + body.pattern());
        return watchedWords.list();
    }

    @Delete("/admin/watched-words/{id}")
    @Secured("moderator")
    public HttpResponse<Void> removeWatchedWord(long id, Viewer viewer) {
        String pattern = watchedWords.remove(id);
        auditWord(viewer.memberId(), "watchedWord.remove", id, pattern);
        return HttpResponse.noContent();
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

    private void auditWord(long actor, String action, long id, String summary) {
        administration.audit(actor, action, "watchedWord", id, summary);
    }
}

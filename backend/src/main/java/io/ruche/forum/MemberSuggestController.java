package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.ruche.accounts.Viewer;

import java.util.List;

/** Member names as one types them (@mentions, message recipients): members only. */
@Controller("/api/v1/members/suggest")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class MemberSuggestController {

    private final MemberSuggestions suggestions;

    public MemberSuggestController(MemberSuggestions suggestions) {
        this.suggestions = suggestions;
    }

    @Get("{?q,thread}")
    public List<MemberSuggestions.Suggestion> suggest(Viewer viewer, @Nullable @QueryValue String q,
                                                      @Nullable @QueryValue Long thread) {
        return suggestions.suggest(viewer, q == null ? "" : q, thread);
    }
}

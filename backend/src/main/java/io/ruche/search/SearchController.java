package io.ruche.search;

import io.ruche.accounts.Viewer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.ruche.platform.Problems;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Search for everyone (within what they may see), and the reindex for administrators. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SearchController {

    private final SearchService search;

    public SearchController(SearchService search) {
        this.search = search;
    }

    /**
     * Posts matching {@code q}: words (typo-tolerant from four letters on Elasticsearch) and "quoted phrases";
     * filters by category id, tag, author username, dates (YYYY-MM-DD) and solved state; relevance or latest first.
     */
    @Get("/search")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public SearchService.SearchPage search(@QueryValue(defaultValue = "") String q, @QueryValue @Nullable Long category,
                                           @QueryValue @Nullable String tag, @QueryValue @Nullable String author,
                                           @QueryValue @Nullable String after, @QueryValue @Nullable String before,
                                           @QueryValue @Nullable Boolean solved,
                                           @QueryValue(defaultValue = "relevance") String sort,
                                           @QueryValue(defaultValue = "1") int page,
                                           Viewer viewer) {
        if (q.isBlank() || q.length() > 200) {
            throw Problems.invalidField("q", "validation.searchText");
        }
        if (!sort.equals("relevance") && !sort.equals("latest")) {
            throw Problems.invalidField("sort", "validation.searchSort");
        }
        if (page < 1 || page > 50) {
            throw Problems.invalidField("page", "validation.searchPage");
        }
        SearchIndex.SearchQuery query = new SearchIndex.SearchQuery(q, category, blankToNull(tag), blankToNull(author),
                date("after", after), date("before", before), solved, sort.equals("latest"), page, 20);
        return search.search(viewer, query);
    }

    /** Threads whose title resembles what a member is typing as the title of a new thread. */
    @Get("/search/suggest")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public List<SearchIndex.Suggestion> suggest(@QueryValue(defaultValue = "") String q,
                                                Viewer viewer) {
        if (q.isBlank() || q.length() > 200) {
            return List.of();
        }
        return search.suggest(viewer, q);
    }

    @Get("/admin/search/reindex")
    @Secured("admin")
    public SearchService.ReindexStatus status() {
        return search.status();
    }

    @Post("/admin/search/reindex")
    @Secured("admin")
    public HttpResponse<SearchService.ReindexStatus> reindex() {
        return HttpResponse.status(HttpStatus.ACCEPTED).body(search.startReindex());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Instant date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw Problems.invalidField(field, "validation.date");
        }
    }
}

package io.ruche.search;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.forum.CategoryAccess;
import io.ruche.accounts.Viewer;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import io.ruche.platform.jobs.JobHandler;
import io.ruche.platform.jobs.Jobs;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** Searching as a reader (only what they may see), suggestions while typing a title, and the admin's reindex. */
@Singleton
public class SearchService {

    public static final String POST_JOB = io.ruche.platform.jobs.JobKinds.SEARCH_POST;
    public static final String THREAD_JOB = io.ruche.platform.jobs.JobKinds.SEARCH_THREAD;
    private static final Logger LOG = LoggerFactory.getLogger(SearchService.class);

    private final SearchIndex index;
    private final CategoryAccess access;
    private final Sql sql;
    private final Jobs jobs;
    private final Clock clock;
    private final ExecutorService background;

    private final io.ruche.platform.events.Outbox outbox;

    public SearchService(SearchIndex index, CategoryAccess access, Sql sql, Jobs jobs,
                         Clock clock, @Named(TaskExecutors.BLOCKING) ExecutorService background,
                         io.ruche.platform.events.Outbox outbox) {
        this.outbox = outbox;
        this.index = index;
        this.access = access;
        this.sql = sql;
        this.jobs = jobs;
        this.clock = clock;
        this.background = background;
    }

    @Serdeable
    public record SearchPage(String engine, long total, int page, int pageSize, List<SearchIndex.Hit> hits,
                             List<CategoryName> categories) {
    }

    @Serdeable
    public record CategoryName(long id, String name, String slug, String color) {
    }

    public SearchPage search(Viewer viewer, SearchIndex.SearchQuery query) {
        CategoryAccess.Catalog catalog = access.catalog(viewer);
        List<Long> visible = catalog.visibleIds();
        SearchIndex.SearchResults results;
        try {
            results = visible.isEmpty() ? new SearchIndex.SearchResults(0, List.of()) : index.search(query, visible);
        } catch (Exception e) {
            LOG.warn("Search failed: {}", e.toString());
            throw Problems.unavailable("problem.searchUnavailable");
        }
        // Only categories of the hits, for their names and colours; all of them are visible by construction.
        List<CategoryName> names = results.hits().stream().map(SearchIndex.Hit::categoryId).distinct()
                .map(catalog::require).map(c -> new CategoryName(c.id(), c.name(), c.slug(), c.color())).toList();
        if (query.page() <= 1) {
            announce(viewer, query.text(), results.total());
        }
        return new SearchPage(index.engine(), results.total(), query.page(), query.pageSize(), results.hits(), names);
    }

    /** Tells subscribers what was searched and how many results it found (analytics: the terms members miss). */
    @Transactional
    protected void announce(Viewer viewer, String text, long total) {
        String terms = text.strip();
        if (!terms.isEmpty()) {
            outbox.publish(new SearchEvents.SearchPerformed(viewer.memberId(),
                    terms.length() > 200 ? terms.substring(0, 200) : terms, total));
        }
    }

    public List<SearchIndex.Suggestion> suggest(Viewer viewer, String text) {
        List<Long> visible = access.catalog(viewer).visibleIds();
        try {
            return visible.isEmpty() ? List.of() : index.suggest(text, visible);
        } catch (Exception e) {
            LOG.warn("Suggestions failed: {}", e.toString());
            return List.of();
        }
    }

    @Serdeable
    public record ReindexStatus(String engine, String state, @Nullable String target, long total, long done,
                                @Nullable Instant startedAt, @Nullable Instant finishedAt, double postsPerSecond,
                                @Nullable String error, Jobs.Stats queue) {
    }

    @Transactional(readOnly = true)
    public ReindexStatus status() {
        Instant now = clock.instant();
        return sql.query("SELECT state, target, total, done, started_at, finished_at, error FROM search_reindex WHERE id = 1",
                List.of(), rs -> {
                    Instant started = Sql.instant(rs, "started_at");
                    Instant finished = Sql.instant(rs, "finished_at");
                    long done = rs.getLong("done");
                    double seconds = started == null ? 0
                            : Math.max(0.001, Duration.between(started, finished == null ? now : finished).toMillis() / 1000.0);
                    return new ReindexStatus(index.engine(), rs.getString("state"), rs.getString("target"),
                            rs.getLong("total"), done, started, finished, started == null ? 0 : done / seconds,
                            rs.getString("error"), jobs.stats());
                }).get(0);
    }

    /** Starts a full reindex in the background; refused while one is running. */
    public ReindexStatus startReindex() {
        int claimed = claimReindex();
        if (claimed == 0) {
            throw Problems.conflict("reindex", "problem.reindexRunning");
        }
        background.submit(this::runReindex);
        return status();
    }

    @Transactional
    protected int claimReindex() {
        Instant now = clock.instant();
        // A reindex that has shown no progress for an hour is taken as dead (its node stopped).
        return sql.update("UPDATE search_reindex SET state = 'RUNNING', target = NULL, total = 0, done = 0, started_at = ?, "
                + "finished_at = NULL, error = NULL WHERE id = 1 AND (state <> 'RUNNING' OR started_at < ?)",
                List.of(now, now.minus(Duration.ofHours(1))));
    }

    private void runReindex() {
        try {
            index.reindexAll(new SearchIndex.ReindexProgress() {
                @Override
                public void started(String target, long total) {
                    update("UPDATE search_reindex SET target = ?, total = ? WHERE id = 1", List.of(target, total));
                }

                @Override
                public void advanced(long done) {
                    update("UPDATE search_reindex SET done = ? WHERE id = 1", List.of(done));
                }
            });
            update("UPDATE search_reindex SET state = 'DONE', finished_at = ? WHERE id = 1", List.of(clock.instant()));
        } catch (Exception e) {
            LOG.error("Reindex failed", e);
            update("UPDATE search_reindex SET state = 'FAILED', finished_at = ?, error = ? WHERE id = 1",
                    List.of(clock.instant(), String.valueOf(e.getMessage())));
        }
    }

    @Transactional
    protected void update(String statement, List<?> params) {
        sql.update(statement, params);
    }

    /** Job: index (or remove) one post. */
    @Singleton
    static class PostJob implements JobHandler {
        private final SearchIndex index;

        PostJob(SearchIndex index) {
            this.index = index;
        }

        @Override
        public String kind() {
            return POST_JOB;
        }

        @Override
        public void run(String payload) throws Exception {
            index.refreshPosts(List.of(Long.parseLong(payload)));
        }
    }

    /** Job: index every post of a thread again (title, category, tags or solved state changed). */
    @Singleton
    static class ThreadJob implements JobHandler {
        private final SearchIndex index;

        ThreadJob(SearchIndex index) {
            this.index = index;
        }

        @Override
        public String kind() {
            return THREAD_JOB;
        }

        @Override
        public void run(String payload) throws Exception {
            index.refreshThread(Long.parseLong(payload));
        }
    }
}

package io.ruche.search;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The search port: Elasticsearch when a cluster is configured, MariaDB full-text otherwise. Results are always
 * limited to the categories the reader may see, passed in by the caller.
 */
public interface SearchIndex {

    /** Brings the index in line with the database for these posts (indexes, updates or removes them). */
    void refreshPosts(Collection<Long> postIds) throws Exception;

    /** The same for every post of a thread (title, category, tags or solved state changed). */
    void refreshThread(long threadId) throws Exception;

    SearchResults search(SearchQuery query, Collection<Long> visibleCategoryIds) throws Exception;

    List<Suggestion> suggest(String text, Collection<Long> visibleCategoryIds) throws Exception;

    /** Rebuilds everything; reports progress as it goes. Searches keep answering meanwhile. */
    void reindexAll(ReindexProgress progress) throws Exception;

    /** "elasticsearch" or "mariadb", for the console. */
    String engine();

    interface ReindexProgress {
        void started(String target, long total);

        void advanced(long done);
    }

    /** What a reader asks. Quoted words are phrases; dates bound the post's creation. */
    record SearchQuery(String text, @Nullable Long categoryId, @Nullable String tag, @Nullable String author,
                       @Nullable Instant after, @Nullable Instant before, @Nullable Boolean solved, boolean latest,
                       int page, int pageSize) {
    }

    @Serdeable
    record Hit(long postId, long threadId, String threadTitle, String threadSlug, int position, long categoryId,
               String authorUsername, String authorDisplayName, Instant createdAt, boolean solved,
               String snippet) {
    }

    @Serdeable
    record SearchResults(long total, List<Hit> hits) {
    }

    @Serdeable
    record Suggestion(long threadId, String title, String slug, boolean solved) {
    }
}

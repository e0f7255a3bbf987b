package io.ruche.search;

import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Search on MariaDB's own FULLTEXT indexes, for forums without an Elasticsearch cluster (the embedded default).
 * InnoDB keeps those indexes in step inside each write, so there is nothing to index and nothing to catch up.
 * Differences with Elasticsearch: no typo tolerance (a word matches as a prefix instead), words of fewer than three
 * letters are ignored, and there is no language stemming.
 */
@jakarta.inject.Singleton
@io.micronaut.context.annotation.Requires(condition = ElasticsearchConfigured.NotConfigured.class)
public class DatabaseSearchIndex implements SearchIndex {

    static final int MAX_COUNTED = 10_000;

    private final Sql sql;

    public DatabaseSearchIndex(Sql sql) {
        this.sql = sql;
        org.slf4j.LoggerFactory.getLogger(DatabaseSearchIndex.class)
                .info("Search: MariaDB full-text (set RUCHE_ELASTICSEARCH_URL to use Elasticsearch).");
    }

    @Override
    public String engine() {
        return "mariadb";
    }

    @Override
    public void refreshPosts(Collection<Long> postIds) {
        // FULLTEXT indexes follow the rows: nothing to do.
    }

    @Override
    public void refreshThread(long threadId) {
        // FULLTEXT indexes follow the rows: nothing to do.
    }

    @Override
    @Transactional(readOnly = true)
    public void reindexAll(ReindexProgress progress) {
        long total = sql.query("SELECT COUNT(*) FROM posts WHERE deleted_at IS NULL AND hidden_at IS NULL", List.of(), rs -> rs.getLong(1)).get(0);
        progress.started("mariadb-fulltext", total);
        progress.advanced(total);
    }

    @Override
    @Transactional(readOnly = true)
    public SearchResults search(SearchQuery query, Collection<Long> visibleCategoryIds) {
        QueryText text = QueryText.parse(query.text());
        String expression = booleanExpression(text);
        if (expression.isEmpty()) {
            return new SearchResults(0, List.of());
        }
        // Each FULLTEXT index finds its own candidates (post bodies; titles, counted on the thread's first post), so
        // MariaDB never scans every post; filters and access then apply to those candidates only.
        String matches = "(SELECT id, SUM(score) AS score FROM ("
                + "SELECT p.id, MATCH(p.body_source) AGAINST (? IN BOOLEAN MODE) AS score FROM posts p "
                + "WHERE MATCH(p.body_source) AGAINST (? IN BOOLEAN MODE) "
                + "UNION ALL SELECT p.id, 2 * MATCH(t.title) AGAINST (? IN BOOLEAN MODE) FROM threads t "
                + "JOIN posts p ON p.thread_id = t.id AND p.position = 1 WHERE MATCH(t.title) AGAINST (? IN BOOLEAN MODE)"
                + ") candidates GROUP BY id) m";
        List<Object> params = new ArrayList<>(List.of(expression, expression, expression, expression));
        StringBuilder where = new StringBuilder(" FROM " + matches + " JOIN posts p ON p.id = m.id "
                + "JOIN threads t ON t.id = p.thread_id JOIN members a ON a.id = p.author_id "
                + "WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL AND t.category_id IN (" + Sql.placeholders(visibleCategoryIds.size()) + ")");
        params.addAll(Sql.inList(visibleCategoryIds));
        if (query.categoryId() != null) {
            where.append(" AND t.category_id = ?");
            params.add(query.categoryId());
        }
        if (query.tag() != null) {
            where.append(" AND t.id IN (SELECT tt.thread_id FROM thread_tags tt JOIN tags g ON g.id = tt.tag_id "
                    + "WHERE g.name = ?)");
            params.add(query.tag());
        }
        if (query.author() != null) {
            where.append(" AND a.username = ?");
            params.add(query.author());
        }
        if (query.after() != null) {
            where.append(" AND p.created_at >= ?");
            params.add(query.after());
        }
        if (query.before() != null) {
            where.append(" AND p.created_at < ?");
            params.add(query.before());
        }
        if (query.solved() != null) {
            where.append(query.solved() ? " AND t.accepted_post_id IS NOT NULL" : " AND t.accepted_post_id IS NULL");
        }
        // Counting every match of a common word costs as much as the search itself: past MAX_COUNTED the total is
        // reported as that number (the UI says "10,000 results" and readers refine).
        long total = sql.query("SELECT COUNT(*) FROM (SELECT 1" + where + " LIMIT " + MAX_COUNTED + ") capped", params,
                rs -> rs.getLong(1)).get(0);
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(query.pageSize());
        pageParams.add((query.page() - 1) * query.pageSize());
        String order = query.latest() ? " ORDER BY p.created_at DESC, p.id DESC" : " ORDER BY m.score DESC, p.id DESC";
        List<String> terms = text.terms();
        List<Hit> hits = sql.query("SELECT p.id, p.thread_id, p.position, p.body_html, p.created_at, t.category_id, "
                + "t.title, t.slug, t.accepted_post_id IS NOT NULL AS solved, a.username, a.display_name" + where + order
                + " LIMIT ? OFFSET ?", pageParams,
                rs -> new Hit(rs.getLong(1), rs.getLong(2), rs.getString(7), rs.getString(8), rs.getInt(3), rs.getLong(6),
                        rs.getString(10), rs.getString(11), Sql.instant(rs, "created_at"), rs.getBoolean(9),
                        QueryText.snippet(io.ruche.content.MarkdownRenderer.textOf(rs.getString(4)), terms, 180)));
        return new SearchResults(total, hits);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Suggestion> suggest(String text, Collection<Long> visibleCategoryIds) {
        QueryText parsed = QueryText.parse(text);
        String words = String.join(" ", parsed.terms());
        if (words.isBlank()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(Sql.inList(visibleCategoryIds));
        params.add(words);
        params.add(words);
        return sql.query("SELECT t.id, t.title, t.slug, t.accepted_post_id IS NOT NULL FROM threads t WHERE t.category_id IN ("
                + Sql.placeholders(visibleCategoryIds.size()) + ") AND MATCH(t.title) AGAINST (? IN NATURAL LANGUAGE MODE) "
                + "ORDER BY MATCH(t.title) AGAINST (? IN NATURAL LANGUAGE MODE) DESC, t.id DESC LIMIT 5", params,
                rs -> new Suggestion(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
    }

    /** Every word must appear (as a prefix, a small comfort for typos and plurals); phrases as written. */
    static String booleanExpression(QueryText text) {
        List<String> parts = new ArrayList<>();
        for (String phrase : text.phrases()) {
            parts.add("+\"" + phrase + "\"");
        }
        for (String word : text.words()) {
            if (word.length() >= 3) {
                parts.add("+" + word + "*");
            }
        }
        return String.join(" ", parts);
    }
}

package io.ruche.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Search on Elasticsearch: one document per post, in a physical index behind the alias {@code <prefix>-posts}.
 * A full reindex builds a new physical index, writes go to both while it runs, and the alias swaps at the end, so
 * searchers never see an empty or half-built index. French and English analysis when the cluster has them.
 */
@jakarta.inject.Singleton
@io.micronaut.context.annotation.Requires(condition = ElasticsearchConfigured.class)
public class ElasticsearchSearchIndex implements SearchIndex, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSearchIndex.class);
    private static final int BATCH = 1000;

    private final RestClient rest;
    private final ElasticsearchClient client;
    private final ObjectMapper json = new ObjectMapper();
    private final SearchDocuments documents;
    private final String alias;
    private final String prefix;
    private volatile boolean ready;

    public ElasticsearchSearchIndex(@io.micronaut.context.annotation.Value("${ruche.elasticsearch.url}") String url,
                                    @io.micronaut.context.annotation.Value("${ruche.elasticsearch.index-prefix:ruche}") String prefix,
                                    SearchDocuments documents,
                                    @io.micronaut.context.annotation.Value("${ruche.elasticsearch.connect-timeout:2s}") java.time.Duration connectTimeout,
                                    @io.micronaut.context.annotation.Value("${ruche.elasticsearch.read-timeout:5s}") java.time.Duration readTimeout) {
        LOG.info("Search: Elasticsearch at {}", url);
        // A hung cluster fails a search within the read timeout (503) instead of holding a request for 30 s.
        this.rest = RestClient.builder(HttpHost.create(url))
                .setRequestConfigCallback(config -> config
                        .setConnectTimeout((int) connectTimeout.toMillis())
                        .setConnectionRequestTimeout((int) connectTimeout.toMillis())
                        .setSocketTimeout((int) readTimeout.toMillis()))
                .build();
        this.client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
        this.documents = documents;
        this.prefix = prefix;
        this.alias = prefix + "-posts";
    }

    @Override
    public String engine() {
        return "elasticsearch";
    }

    @Override
    @jakarta.annotation.PreDestroy
    public void close() throws IOException {
        rest.close();
    }

    /**
     * Creates the alias and a first index when the cluster has none (a new cluster, or a first start). The first
     * index has a fixed name, so nodes starting together create it once and point the alias at the same index.
     */
    private void ensureIndex() throws IOException {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (!ready && !client.indices().existsAlias(a -> a.name(alias)).value()) {
                String name = alias + "-initial";
                try {
                    createIndex(name);
                    LOG.info("Created search index {} behind alias {}", name, alias);
                } catch (ElasticsearchException e) {
                    if (!"resource_already_exists_exception".equals(e.error().type())) {
                        throw e;
                    }
                }
                client.indices().updateAliases(u -> u.actions(a -> a.add(add -> add.index(name).alias(alias))));
            }
            ready = true;
        }
    }

    private String newIndexName() {
        return alias + "-" + System.currentTimeMillis();
    }

    private void createIndex(String name) throws IOException {
        Set<String> languages = new HashSet<>();
        for (String language : List.of("french", "english")) {
            try {
                client.indices().analyze(a -> a.analyzer(language).text("test"));
                languages.add(language);
            } catch (ElasticsearchException e) {
                LOG.info("The cluster has no '{}' analyzer: searching with the standard analyzer only.", language);
            }
        }
        Map<String, Object> text = textField(languages);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("post_id", Map.of("type", "long"));
        properties.put("thread_id", Map.of("type", "long"));
        properties.put("position", Map.of("type", "integer"));
        properties.put("first_post", Map.of("type", "boolean"));
        properties.put("category_id", Map.of("type", "long"));
        properties.put("title", text);
        properties.put("slug", Map.of("type", "keyword", "index", false));
        properties.put("body", text);
        properties.put("tags", Map.of("type", "keyword"));
        properties.put("author", Map.of("type", "keyword"));
        properties.put("author_username", Map.of("type", "keyword", "index", false));
        properties.put("author_name", Map.of("type", "text"));
        properties.put("created_at", Map.of("type", "date"));
        properties.put("solved", Map.of("type", "boolean"));
        String body = json.writeValueAsString(Map.of("mappings", Map.of("properties", properties)));
        client.indices().create(c -> c.index(name).withJson(new StringReader(body)));
    }

    private static Map<String, Object> textField(Set<String> languages) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (languages.contains("french")) {
            fields.put("fr", Map.of("type", "text", "analyzer", "french"));
        }
        if (languages.contains("english")) {
            fields.put("en", Map.of("type", "text", "analyzer", "english"));
        }
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("type", "text");
        field.put("analyzer", "standard");
        if (!fields.isEmpty()) {
            field.put("fields", fields);
        }
        return field;
    }

    @Override
    public void refreshPosts(Collection<Long> postIds) throws IOException {
        ensureIndex();
        write(documents.posts(postIds));
    }

    @Override
    public void refreshThread(long threadId) throws IOException {
        ensureIndex();
        write(documents.thread(threadId));
    }

    private void write(List<SearchDocuments.PostDocument> docs) throws IOException {
        if (docs.isEmpty()) {
            return;
        }
        List<String> targets = new ArrayList<>(List.of(alias));
        // A reindex may be running on any node: its target is in the database, and every node writes there too
        // until the alias swaps, so no edit made meanwhile is missing from the new index.
        documents.reindexTarget().filter(target -> !target.equals(alias)).ifPresent(targets::add);
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (String target : targets) {
            for (SearchDocuments.PostDocument doc : docs) {
                String id = String.valueOf(doc.postId());
                if (doc.deleted()) {
                    bulk.operations(o -> o.delete(d -> d.index(target).id(id)));
                } else {
                    bulk.operations(o -> o.index(i -> i.index(target).id(id).document(doc.source())));
                }
            }
        }
        check(client.bulk(bulk.build()));
    }

    private static void check(BulkResponse response) {
        if (response.errors()) {
            // Deleting a document the index never had is fine; anything else is a failure to retry.
            String reason = response.items().stream()
                    .filter(i -> i.error() != null && !(i.operationType() == OperationType.Delete && i.status() == 404))
                    .map(i -> i.error().reason()).findFirst().orElse(null);
            if (reason != null) {
                throw new IllegalStateException("Elasticsearch refused documents: " + reason);
            }
        }
    }

    @Override
    public void reindexAll(ReindexProgress progress) throws IOException {
        ensureIndex();
        String name = newIndexName();
        createIndex(name);
        long total = documents.countLive();
        progress.started(name, total); // records the target: from now on every node's writes go there too
        try {
            long after = 0;
            long done = 0;
            List<SearchDocuments.PostDocument> batch;
            do {
                batch = documents.batchAfter(after, BATCH);
                if (!batch.isEmpty()) {
                    BulkRequest.Builder bulk = new BulkRequest.Builder();
                    for (SearchDocuments.PostDocument doc : batch) {
                        bulk.operations(o -> o.index(i -> i.index(name).id(String.valueOf(doc.postId()))
                                .document(doc.source())));
                    }
                    check(client.bulk(bulk.build()));
                    after = batch.get(batch.size() - 1).postId();
                    done += batch.size();
                    progress.advanced(done);
                }
            } while (batch.size() == BATCH);
            client.indices().refresh(r -> r.index(name));
            Set<String> old = client.indices().getAlias(g -> g.name(alias)).result().keySet();
            client.indices().updateAliases(u -> {
                for (String index : old) {
                    u.actions(a -> a.remove(r -> r.index(index).alias(alias)));
                }
                return u.actions(a -> a.add(add -> add.index(name).alias(alias)));
            });
            for (String index : old) {
                client.indices().delete(d -> d.index(index));
            }
            LOG.info("Reindexed {} posts into {}; alias {} swapped", done, name, alias);
        } catch (IOException | RuntimeException e) {
            client.indices().delete(d -> d.index(name).ignoreUnavailable(true));
            throw e;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public SearchResults search(SearchQuery query, Collection<Long> visibleCategoryIds) throws IOException {
        QueryText text = QueryText.parse(query.text());
        if (text.isEmpty()) {
            return new SearchResults(0, List.of());
        }
        ensureIndex();
        List<Object> must = new ArrayList<>();
        for (String phrase : text.phrases()) {
            must.add(Map.of("multi_match", Map.of("query", phrase, "type", "phrase",
                    "fields", List.of("title^2", "body"))));
        }
        if (!text.words().isEmpty()) {
            // Typos are forgiven from four letters; the first letter must be right, which keeps fuzzy expansion cheap.
            must.add(Map.of("multi_match", Map.of("query", String.join(" ", text.words()), "operator", "and",
                    "fuzziness", "AUTO:4,7", "prefix_length", 1, "max_expansions", 20,
                    "fields", List.of("title^2", "title.*^2", "body", "body.*"))));
        }
        List<Object> filter = new ArrayList<>();
        filter.add(Map.of("terms", Map.of("category_id", List.copyOf(visibleCategoryIds))));
        if (query.categoryId() != null) {
            filter.add(Map.of("term", Map.of("category_id", query.categoryId())));
        }
        if (query.tag() != null) {
            filter.add(Map.of("term", Map.of("tags", query.tag())));
        }
        if (query.author() != null) {
            filter.add(Map.of("term", Map.of("author", query.author().toLowerCase(java.util.Locale.ROOT))));
        }
        if (query.after() != null || query.before() != null) {
            Map<String, Object> range = new LinkedHashMap<>();
            if (query.after() != null) {
                range.put("gte", query.after().toString());
            }
            if (query.before() != null) {
                range.put("lt", query.before().toString());
            }
            filter.add(Map.of("range", Map.of("created_at", range)));
        }
        if (query.solved() != null) {
            filter.add(Map.of("term", Map.of("solved", query.solved())));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("from", (query.page() - 1) * query.pageSize());
        request.put("size", query.pageSize());
        request.put("track_total_hits", DatabaseSearchIndex.MAX_COUNTED); // exact up to 10,000, like MariaDB
        request.put("query", Map.of("bool", Map.of("must", must, "filter", filter)));
        request.put("highlight", Map.of("encoder", "html", "pre_tags", List.of("<mark>"), "post_tags", List.of("</mark>"),
                "fields", Map.of("body", Map.of("fragment_size", 180, "number_of_fragments", 1),
                        "body.*", Map.of("fragment_size", 180, "number_of_fragments", 1))));
        if (query.latest()) {
            request.put("sort", List.of(Map.of("created_at", "desc"), Map.of("post_id", "desc")));
        }
        String body = json.writeValueAsString(request);
        SearchResponse<Map> response = client.search(SearchRequest.of(s -> s.index(alias).withJson(new StringReader(body))),
                Map.class);
        List<String> terms = text.terms();
        List<SearchIndex.Hit> hits = new ArrayList<>();
        for (co.elastic.clients.elasticsearch.core.search.Hit<Map> hit : response.hits().hits()) {
            Map<String, Object> src = hit.source();
            String snippet = hit.highlight().entrySet().stream().filter(e -> e.getKey().startsWith("body"))
                    .flatMap(e -> e.getValue().stream()).findFirst()
                    .orElseGet(() -> QueryText.snippet(String.valueOf(src.get("body")), terms, 180));
            hits.add(new SearchIndex.Hit(number(src, "post_id"), number(src, "thread_id"), (String) src.get("title"),
                    (String) src.get("slug"), (int) number(src, "position"), number(src, "category_id"),
                    (String) src.get("author_username"), (String) src.get("author_name"),
                    Instant.parse((String) src.get("created_at")), Boolean.TRUE.equals(src.get("solved")), snippet));
        }
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        return new SearchResults(total, hits);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Suggestion> suggest(String text, Collection<Long> visibleCategoryIds) throws IOException {
        QueryText parsed = QueryText.parse(text);
        if (parsed.isEmpty()) {
            return List.of();
        }
        ensureIndex();
        Map<String, Object> request = Map.of("size", 5, "query", Map.of("bool", Map.of(
                "must", List.of(Map.of("multi_match", Map.of("query", String.join(" ", parsed.terms()),
                        "fuzziness", "AUTO:4,7", "prefix_length", 1, "fields", List.of("title", "title.*")))),
                "filter", List.of(Map.of("term", Map.of("first_post", true)),
                        Map.of("terms", Map.of("category_id", List.copyOf(visibleCategoryIds)))))));
        String body = json.writeValueAsString(request);
        SearchResponse<Map> response = client.search(SearchRequest.of(s -> s.index(alias).withJson(new StringReader(body))),
                Map.class);
        List<Suggestion> suggestions = new ArrayList<>();
        for (co.elastic.clients.elasticsearch.core.search.Hit<Map> hit : response.hits().hits()) {
            Map<String, Object> src = hit.source();
            suggestions.add(new Suggestion(number(src, "thread_id"), (String) src.get("title"), (String) src.get("slug"),
                    Boolean.TRUE.equals(src.get("solved"))));
        }
        return suggestions;
    }

    private static long number(Map<String, Object> source, String field) {
        return ((Number) source.get(field)).longValue();
    }
}

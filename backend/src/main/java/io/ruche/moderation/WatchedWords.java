package io.ruche.moderation;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/** The watched word list in the database, compiled once per change (and re-read every 30 s for other nodes). */
@Singleton
public class WatchedWords {

    private final Sql sql;
    private final WatchedWordRepository words;
    private final Clock clock;
    private volatile WatchedWordRules compiled;
    private volatile long loadedAt;

    public WatchedWords(WatchedWordRepository words, Sql sql, Clock clock) {
        this.sql = sql;
        this.words = words;
        this.clock = clock;
    }

    @Serdeable
    public record Save(String pattern, WatchedWordRules.MatchKind kind, WatchedWordRules.Action action,
                       @io.micronaut.core.annotation.Nullable String linkUrl) {
    }

    @Transactional(readOnly = true)
    public List<WatchedWordRules.Rule> list() {
        return sql.query("SELECT id, pattern, match_kind, action, link_url FROM watched_words ORDER BY id", List.of(),
                rs -> new WatchedWordRules.Rule(rs.getLong(1), rs.getString(2),
                        WatchedWordRules.MatchKind.valueOf(rs.getString(3)),
                        WatchedWordRules.Action.valueOf(rs.getString(4)), rs.getString(5)));
    }

    public WatchedWordRules rules() {
        long now = System.currentTimeMillis();
        if (compiled == null || now - loadedAt > 30_000) {
            compiled = WatchedWordRules.of(list());
            loadedAt = now;
        }
        return compiled;
    }

    public static void validate(Save save) {
        if (save == null || save.kind() == null) {
            throw Problems.invalidField("kind", "validation.required");
        }
        if (save.action() == null) {
            throw Problems.invalidField("action", "validation.required");
        }
        WatchedWordRules.problem(save.pattern(), save.kind()).ifPresent(code -> {
            throw Problems.invalidField("pattern", code);
        });
        if (save.action() == WatchedWordRules.Action.LINK && (save.linkUrl() == null
                || !save.linkUrl().matches("https?://\\S{1,490}"))) {
            throw Problems.invalidField("linkUrl", "validation.url");
        }
    }

    @Transactional
    public long add(long actorId, Save save) {
        validate(save);
        long id = words.save(new WatchedWord(null, save.pattern().strip(), save.kind().name(), save.action().name(),
                save.action() == WatchedWordRules.Action.LINK ? save.linkUrl() : null, actorId, clock.instant())).id();
        compiled = null;
        return id;
    }

    @Transactional
    public String remove(long id) {
        String pattern = words.findById(id).map(WatchedWord::pattern)
                .orElseThrow(() -> Problems.notFound("watchedWord"));
        words.deleteById(id);
        compiled = null;
        return pattern;
    }

    /** Tries a rule, or the saved list, on a sample text: what the console shows before saving. */
    public WatchedWordRules.Verdict test(@io.micronaut.core.annotation.Nullable Save candidate, String sample) {
        if (candidate != null) {
            validate(candidate);
            return WatchedWordRules.of(List.of(new WatchedWordRules.Rule(0, candidate.pattern(), candidate.kind(),
                    candidate.action(), candidate.linkUrl()))).apply(sample, true);
        }
        return rules().apply(sample, true);
    }
}

package io.ruche.analytics;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** What members look for: the most searched terms of a period, and the searches that found nothing. */
@Singleton
public class SearchTerms {

    private final Sql sql;
    private final ShortCache<List<Object>, Report> cache;

    public SearchTerms(Sql sql, java.time.Clock clock) {
        this.sql = sql;
        this.cache = new ShortCache<>(java.time.Duration.ofMinutes(5), clock);
    }

    @Serdeable
    public record Term(String terms, long searches, long withoutResult) {
    }

    @Serdeable
    public record Report(List<Term> top, List<Term> noResult) {
    }

    /** The most searched terms and those that found nothing (kept five minutes per set of arguments). */
    public Report report(LocalDate from, LocalDate to, ZoneId zone, boolean withStaff, int limit) {
        return cache.get(List.of(from, to, zone.getId(), withStaff, limit), () -> compute(from, to, zone, withStaff, limit));
    }

    @Transactional(readOnly = true)
    protected Report compute(LocalDate from, LocalDate to, ZoneId zone, boolean withStaff, int limit) {
        List<Object> params = List.of(from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant(),
                Math.max(1, Math.min(limit, 100)));
        String base = "SELECT detail, COUNT(*), SUM(amount = 0) FROM analytics_facts WHERE kind = 'SEARCH' AND at >= ? "
                + "AND at < ?" + (withStaff ? "" : " AND NOT staff") + " GROUP BY detail ";
        List<Term> top = sql.query(base + "ORDER BY COUNT(*) DESC, detail LIMIT ?", params,
                rs -> new Term(rs.getString(1), rs.getLong(2), rs.getLong(3)));
        List<Term> missed = sql.query(base + "HAVING SUM(amount = 0) > 0 ORDER BY SUM(amount = 0) DESC, detail LIMIT ?",
                params, rs -> new Term(rs.getString(1), rs.getLong(2), rs.getLong(3)));
        return new Report(top, missed);
    }
}

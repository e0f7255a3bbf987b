package io.ruche.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.PersonalData;
import io.ruche.platform.Problems;
import io.ruche.platform.RateLimiter;
import io.ruche.platform.Sql;
import io.ruche.platform.jobs.JobHandler;
import io.ruche.platform.jobs.Jobs;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A member's copy of their data: asked for in the settings, built by a job (one JSON file per feature that holds
 * something of them, see {@link PersonalData}, and a README), announced by mail, downloadable by its owner for a
 * week, then purged.
 */
@Singleton
public class DataExports implements JobHandler {

    static final String KIND = "default.data-export";
    static final Duration KEPT = Duration.ofDays(7);

    private final Sql sql;
    private final Jobs jobs;
    private final Collection<PersonalData> holders;
    private final ObjectMapper json;
    private final MemberRepository members;
    private final AccountMails mails;
    private final RateLimiter rateLimiter;
    private final Clock clock;

    public DataExports(Sql sql, Jobs jobs, Collection<PersonalData> holders, ObjectMapper json,
                       MemberRepository members, AccountMails mails, RateLimiter rateLimiter, Clock clock) {
        this.sql = sql;
        this.jobs = jobs;
        this.holders = holders;
        this.json = json;
        this.members = members;
        this.mails = mails;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
    }

    /** One export as its owner sees it: waiting, or ready (with its size) until it expires. */
    @Serdeable
    public record ExportView(long id, Instant requestedAt, @Nullable Instant readyAt, @Nullable Instant expiresAt,
                             @Nullable Long sizeBytes) {
    }

    public record Download(String fileName, byte[] content) {
    }

    @Transactional(readOnly = true)
    public List<ExportView> list(long memberId) {
        return sql.query("SELECT id, requested_at, ready_at, expires_at, size_bytes FROM data_exports "
                        + "WHERE member_id = ? AND (expires_at IS NULL OR expires_at > ?) ORDER BY id DESC LIMIT 5",
                List.of(memberId, clock.instant()), rs -> new ExportView(rs.getLong(1), Sql.instant(rs, 2),
                        Sql.instant(rs, 3), Sql.instant(rs, 4), rs.getObject(5) == null ? null : rs.getLong(5)));
    }

    /** Asks for a new export; one waiting at a time, and a few a day. */
    @Transactional
    public ExportView request(long memberId) {
        members.findById(memberId).orElseThrow(() -> Problems.notFound("member"));
        sql.query("SELECT id FROM members WHERE id = ? FOR UPDATE", List.of(memberId), rs -> rs.getLong(1));
        List<ExportView> current = list(memberId);
        if (current.stream().anyMatch(e -> e.readyAt() == null)) {
            throw Problems.forbidden("problem.export.pending");
        }
        rateLimiter.hit("data-export:" + memberId, 3, Duration.ofDays(1));
        Instant now = clock.instant();
        long id = sql.insert("INSERT INTO data_exports (member_id, requested_at) VALUES (?, ?)", List.of(memberId, now));
        jobs.enqueue(KIND, Long.toString(id));
        return new ExportView(id, now, null, null, null);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Builds the zip of one export and mails its owner. */
    @Override
    @Transactional
    public void run(String payload) throws IOException {
        long id = Long.parseLong(payload);
        List<Long> owner = sql.query("SELECT member_id FROM data_exports WHERE id = ? AND ready_at IS NULL FOR UPDATE",
                List.of(id), rs -> rs.getLong(1));
        if (owner.isEmpty()) {
            return; // built already, or the account went
        }
        long memberId = owner.get(0);
        byte[] zip = build(memberId);
        Instant now = clock.instant();
        sql.update("UPDATE data_exports SET content = ?, size_bytes = ?, ready_at = ?, expires_at = ? WHERE id = ?",
                List.of(zip, (long) zip.length, now, now.plus(KEPT), id));
        members.findById(memberId).ifPresent(mails::exportReady);
    }

    byte[] build(long memberId) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry("README.txt"));
            zip.write(("Your data, as of " + clock.instant() + ". One JSON file per part of the forum:\n"
                    + String.join("\n", holders.stream().map(h -> "- " + h.section() + ".json").sorted().toList())
                    + "\n\nVos données, au " + clock.instant() + ". Un fichier JSON par partie du forum.\n")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (PersonalData holder : holders) {
                Object data = holder.export(memberId);
                zip.putNextEntry(new ZipEntry(holder.section() + ".json"));
                zip.write(json.writeValueAsBytes(data));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The zip, for its owner only while it lasts; anyone else's, or an expired one, is 404. */
    @Transactional(readOnly = true)
    public Download download(long memberId, long exportId) {
        List<byte[]> content = sql.query("SELECT content FROM data_exports WHERE id = ? AND member_id = ? "
                        + "AND ready_at IS NOT NULL AND expires_at > ?", List.of(exportId, memberId, clock.instant()),
                rs -> rs.getBytes(1));
        if (content.isEmpty()) {
            throw Problems.notFound("export");
        }
        String username = members.findById(memberId).map(Member::username).orElse("member");
        return new Download("ruche-data-" + username + "-" + exportId + ".zip", content.get(0));
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "10m")
    @Transactional
    void purgeExpired() {
        sql.update("DELETE FROM data_exports WHERE expires_at < ?", List.of(clock.instant()));
    }
}

package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.mail.MailContent;
import io.ruche.mail.MailQueue;
import io.ruche.mail.MailTemplates;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Invitation links for a forum whose registration is by invitation: single use, valid 14 days. */
@Singleton
public class Invites {

    private static final Duration TTL = Duration.ofDays(14);

    private final Sql sql;
    private final InviteRepository invites;
    private final Clock clock;
    private final AuditLog audit;
    private final MailQueue mails;
    private final MailTemplates templates;
    private final SecureRandom random = new SecureRandom();

    public Invites(InviteRepository invites, Sql sql, Clock clock, AuditLog audit, MailQueue mails, MailTemplates templates) {
        this.sql = sql;
        this.invites = invites;
        this.clock = clock;
        this.audit = audit;
        this.mails = mails;
        this.templates = templates;
    }

    @Serdeable
    public record Created(String url, String email, Instant expiresAt) {
    }

    @Serdeable
    public record Invite(String email, @Nullable String by, Instant createdAt, Instant expiresAt, @Nullable String usedBy,
                         @Nullable Instant usedAt) {
    }

    /** Creates an invitation; with an address, it is also mailed (in the language of the admin's request). */
    @Transactional
    public Created create(long actorId, @Nullable String email, Locale locale) {
        String address = email == null ? "" : email.strip();
        if (!address.isEmpty() && !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw Problems.invalidField("email", "validation.email");
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        invites.save(new InviteCode(hash(code), address, actorId, now, now.plus(TTL), null, null));
        String url = templates.url("/sign-up?invite=" + code);
        if (!address.isEmpty()) {
            String brand = templates.brandName(locale);
            String subject = templates.text(locale, "invite.subject", brand);
            mails.queue(null, address, "invite", locale, new MailContent(subject, subject,
                    List.of(templates.text(locale, "invite.body", brand), templates.text(locale, "invite.expiry")),
                    new MailContent.Action(templates.text(locale, "invite.action"), url), List.of(),
                    templates.text(locale, "footer.invite", brand), null), null);
        }
        audit.record(actorId, "invite.create", "invite", null, address.isEmpty() ? "link" : address, null);
        return new Created(url, address, now.plus(TTL));
    }

    @Transactional(readOnly = true)
    public List<Invite> recent() {
        return sql.query("SELECT i.email, c.username, i.created_at, i.expires_at, u.username, i.used_at FROM invites i "
                        + "LEFT JOIN members c ON c.id = i.created_by LEFT JOIN members u ON u.id = i.used_by "
                        + "ORDER BY i.created_at DESC LIMIT 50", List.of(),
                rs -> new Invite(rs.getString(1), rs.getString(2), Sql.instant(rs, 3), Sql.instant(rs, 4),
                        rs.getString(5), Sql.instant(rs, 6)));
    }

    /**
     * Uses an invitation for a new account (in the registration's transaction). An invitation sent to an address
     * opens an account for that address only: a forwarded or leaked link is no use to anyone else.
     */
    public void consume(@Nullable String code, long memberId, String email) {
        if (code == null || code.isBlank()) {
            throw Problems.forbidden("problem.inviteRequired");
        }
        String invited = sql.query("SELECT email FROM invites WHERE id = ? AND used_at IS NULL AND expires_at > ? "
                + "FOR UPDATE", List.of(hash(code.strip()), clock.instant()), rs -> rs.getString(1)).stream()
                .findFirst().orElseThrow(() -> Problems.forbidden("problem.inviteInvalid"));
        if (!invited.isBlank() && !invited.equalsIgnoreCase(email.strip())) {
            throw Problems.invalidField("email", "validation.inviteOtherAddress");
        }
        invites.markUsed(hash(code.strip()), memberId, clock.instant());
    }

    private static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.ruche.accounts;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Problems;
import io.ruche.platform.RateLimiter;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registration, profiles and roles: one public method per use case. */
@Singleton
public class AccountService {

    private final SsoPolicy sso;
    private final MemberRepository members;
    private final MemberGroupRepository groups;
    private final PasswordHasher hasher;
    private final RateLimiter rateLimiter;
    private final Clock clock;
    private final int registrationsPerHour;
    private final AccountMails mails;
    private final io.ruche.platform.jobs.Jobs jobs;
    private final io.ruche.platform.events.Outbox outbox;
    private final int resetsPerAddressHour;
    private final int resetsPerEmailHour;
    private final AccountTokens tokens;
    private final MemberSessionRepository sessions;
    private final Sql sql;
    private final boolean verifiedToPost;
    private final io.ruche.platform.SiteSettings site;
    private final AccountScreening screening;

    public AccountService(MemberRepository members, MemberGroupRepository groups, PasswordHasher hasher,
                          RateLimiter rateLimiter, Clock clock, AccountMails mails, AccountTokens tokens,
                          MemberSessionRepository sessions, Sql sql, io.ruche.platform.SiteSettings site,
                          AccountScreening screening,
                          @Value("${ruche.rate-limits.registrations-per-hour:10}") int registrationsPerHour,
                          @Value("${ruche.accounts.verified-email-to-post:true}") boolean verifiedToPost,
                          io.ruche.platform.jobs.Jobs jobs, io.ruche.platform.events.Outbox outbox,
                          @Value("${ruche.rate-limits.password-resets-per-address-hour:10}") int resetsPerAddressHour,
                          @Value("${ruche.rate-limits.password-resets-per-email-hour:3}") int resetsPerEmailHour,
                          SsoPolicy sso) {
        this.sso = sso;
        this.jobs = jobs;
        this.outbox = outbox;
        this.resetsPerAddressHour = resetsPerAddressHour;
        this.resetsPerEmailHour = resetsPerEmailHour;
        this.mails = mails;
        this.tokens = tokens;
        this.sessions = sessions;
        this.sql = sql;
        this.verifiedToPost = verifiedToPost;
        this.site = site;
        this.screening = screening;
        this.members = members;
        this.groups = groups;
        this.hasher = hasher;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
        this.registrationsPerHour = registrationsPerHour;
    }

    /**
     * A visitor creates their account; they start as a plain member and get a mail to verify their address. When
     * the site verifies addresses, an address that already has an account gets the same answer as a new one (the
     * form must not tell who is a member): no account is made, and the owner is told by mail instead. Returns the
     * new member, or empty in that case.
     */
    public Optional<Member> register(AccountRequests.Register request, String clientAddress) {
        rateLimiter.hit("register:" + clientAddress, registrationsPerHour, Duration.ofHours(1));
        String mode = site.settings().registration();
        if ("CLOSED".equals(mode)) {
            throw Problems.forbidden("problem.registrationClosed");
        }
        if (sso.ssoOnly()) {
            throw Problems.forbidden("problem.ssoOnly");
        }
        // Bots fill the field people never see, or send the form faster than anyone types.
        boolean honeypot = request.website() != null && !request.website().isBlank();
        boolean tooFast = request.formShownAt() != null
                && clock.millis() - request.formShownAt() < MIN_FORM_MILLIS;
        if (honeypot || tooFast) {
            throw Problems.badRequest("problem.registrationRefused");
        }
        screening.checkNotBanned(request.email(), clientAddress);
        for (String text : new String[]{request.username(), request.displayName() == null ? "" : request.displayName()}) {
            if (screening.refuses(text, true)) {
                throw Problems.invalidField(text.equals(request.username()) ? "username" : "displayName",
                        "validation.watchedWord.blocked");
            }
        }
        if (verifiedToPost) {
            Optional<Member> owner = members.findByEmail(request.email().strip());
            if (owner.isPresent()) {
                // The same checks, in the same order, as for a new account; then as much work as one.
                PasswordPolicy.violation(request.password(), request.username()).ifPresent(code -> {
                    throw Problems.invalidField("password", code);
                });
                if (members.existsByUsername(request.username())) {
                    throw Problems.conflict("username", "validation.username.taken");
                }
                hasher.burnTime(request.password());
                tellOwner(owner.get());
                return Optional.empty();
            }
        }
        return Optional.of(registerAndVerify(request, "INVITE".equals(mode)));
    }

    @Transactional
    protected void tellOwner(Member owner) {
        mails.addressInUse(owner);
    }

    /** Whether new members confirm their address before signing in and posting. */
    public boolean verificationRequired() {
        return verifiedToPost;
    }

    private static final long MIN_FORM_MILLIS = 3_000;

    @Transactional
    protected Member registerAndVerify(AccountRequests.Register request, boolean byInvitation) {
        Member member = create(request, Role.MEMBER);
        if (byInvitation) {
            screening.useInvitation(request.invite(), member.id(), request.email()); // refused: the whole registration rolls back
        }
        mails.verification(member);
        outbox.publish(new AccountEvents.MemberRegistered(member.id()));
        return member;
    }

    /**
     * An account for a person the brand's identity provider vouches for (OpenID Connect sign-up): a free username
     * near {@code preferred}, no usable password (they sign in through the provider, or set one with a reset), the
     * address verified when the provider says so, a verification mail otherwise. Refused when registration is not
     * open.
     */
    @Transactional
    public Member registerFromIdentity(String preferred, String email, @Nullable String displayName,
                                       @Nullable String locale, boolean emailVerified) {
        if (!"OPEN".equals(site.settings().registration())) {
            throw Problems.forbidden("problem.registrationClosed");
        }
        if (members.existsByEmail(email)) {
            throw Problems.conflict("email", "validation.email.taken");
        }
        String base = preferred.replaceAll("[^A-Za-z0-9_.-]", "").replaceAll("^[.-]+", "");
        base = base.length() < 3 ? "member" : base.length() > 24 ? base.substring(0, 24) : base;
        String username = base;
        for (int i = 2; members.existsByUsername(username); i++) {
            username = base + "_" + (i < 10 ? i : Long.toString(java.util.concurrent.ThreadLocalRandom.current()
                    .nextLong(100_000, 9_999_999)));
        }
        byte[] random = new byte[24];
        new java.security.SecureRandom().nextBytes(random);
        String unusable = java.util.Base64.getEncoder().encodeToString(random) + "Aa1!";
        Member member = create(new AccountRequests.Register(username, email, unusable,
                displayName == null || displayName.isBlank() ? null : truncateName(displayName.strip()),
                "fr".equals(locale) ? "fr" : "en".equals(locale) ? "en" : null, null), Role.MEMBER);
        if (emailVerified) {
            sql.update("UPDATE members SET email_verified_at = ? WHERE id = ?", List.of(clock.instant(), member.id()));
        } else {
            mails.verification(member);
        }
        outbox.publish(new AccountEvents.MemberRegistered(member.id()));
        return members.findById(member.id()).orElseThrow();
    }

    private static String truncateName(String name) {
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    /** Accounts created by the site itself (the demo community): their address counts as verified. */
    @Transactional
    public Member registerTrusted(AccountRequests.Register request) {
        Member member = create(request, Role.MEMBER);
        // The site's own accounts are verified and trusted (no newcomer limits).
        sql.update("UPDATE members SET email_verified_at = ?, approved_posts = 100 WHERE id = ?",
                List.of(clock.instant(), member.id()));
        return members.findById(member.id()).orElseThrow();
    }

    /** Refuses to let a member write before their address is verified, when the site asks for it. */
    @Transactional(readOnly = true)
    public void requireMayPost(long memberId) {
        if (!verifiedToPost) {
            return;
        }
        boolean verified = !sql.query("SELECT 1 FROM members WHERE id = ? AND email_verified_at IS NOT NULL",
                List.of(memberId), rs -> 1).isEmpty();
        if (!verified) {
            throw Problems.forbidden("problem.emailNotVerified");
        }
    }

    /** Sends the verification mail again (for a member who lost it). */
    @Transactional
    public void resendVerification(long memberId, String clientAddress) {
        rateLimiter.hit("verify-mail:" + memberId, 3, Duration.ofHours(1));
        Member member = members.findById(memberId).orElseThrow(() -> Problems.notFound("member"));
        if (member.emailVerified()) {
            throw Problems.badRequest("problem.emailAlreadyVerified");
        }
        mails.verification(member);
    }

    /** The link of the verification mail: the address is confirmed, and the member it belongs to is returned. */
    @Transactional
    public Member confirmVerification(String token) {
        AccountTokens.Used used = tokens.consume(token, AccountTokens.Purpose.VERIFY);
        Member member = members.findById(used.memberId()).orElseThrow(() -> Problems.badRequest("problem.token.invalid"));
        if (!member.emailVerified()) {
            sql.update("UPDATE members SET email_verified_at = ? WHERE id = ?", List.of(clock.instant(), member.id()));
            outbox.publish(new AccountEvents.MemberVerified(member.id()));
        }
        return members.findById(member.id()).orElseThrow();
    }

    /**
     * A member signed in with the right password before confirming their address: a fresh link goes out (at most
     * three an hour) and the sign-in is refused with a message saying so.
     */
    @Transactional(noRollbackFor = io.ruche.platform.ProblemException.class)
    public void refuseUnverifiedSignIn(Member member) {
        // A link sent in the last quarter of an hour is still on its way (or in the inbox): a new one would only
        // make that one stop working.
        boolean recent = !sql.query("SELECT 1 FROM account_tokens WHERE member_id = ? AND purpose = 'VERIFY' "
                + "AND used_at IS NULL AND created_at > ?", List.of(member.id(),
                clock.instant().minus(Duration.ofMinutes(15))), rs -> 1).isEmpty();
        if (!recent) {
            try {
                rateLimiter.hit("verify-mail:" + member.id(), 3, Duration.ofHours(1));
                mails.verification(member);
            } catch (io.ruche.platform.ProblemException tooMany) {
                // Enough links are on their way already.
            }
        }
        throw Problems.forbidden("problem.emailNotVerified.signIn");
    }

    /**
     * Sends a reset link if the address belongs to a member. The answer is the same either way, so the form does not
     * reveal who has an account.
     */
    @Transactional
    public void requestPasswordReset(String email, String clientAddress) {
        rateLimiter.hit("reset:address:" + clientAddress, resetsPerAddressHour, Duration.ofHours(1));
        rateLimiter.hit("reset:email:" + email.strip().toLowerCase(java.util.Locale.ROOT), resetsPerEmailHour,
                Duration.ofHours(1));
        // The look-up and the mail happen later, in a job: known and unknown addresses take the same time to
        // answer, so timing does not tell who has an account.
        jobs.enqueue(PasswordResetJob.KIND, email.strip());
    }

    /** The job behind {@link #requestPasswordReset}: a reset link, if the address belongs to a member. */
    @Transactional
    public void sendPasswordReset(String email) {
        members.findByEmail(email).ifPresent(mails::passwordReset);
    }

    /** Sets a new password from a reset link; every open session of the member ends. */
    @Transactional
    public void resetPassword(String token, String password) {
        AccountTokens.Used used = tokens.consume(token, AccountTokens.Purpose.RESET);
        Member member = members.findById(used.memberId()).orElseThrow(() -> Problems.badRequest("problem.token.invalid"));
        PasswordPolicy.violation(password, member.username()).ifPresent(code -> {
            throw Problems.invalidField("password", code);
        });
        // The link reached the member's mailbox: that proves the address too.
        sql.update("UPDATE members SET password_hash = ?, email_verified_at = COALESCE(email_verified_at, ?) "
                + "WHERE id = ?", List.of(hasher.hash(password), clock.instant(), member.id()));
        sessions.deleteByMemberId(member.id());
    }

    /** Asks to move the account to a new address: the change happens when the new address confirms. */
    @Transactional
    public void requestEmailChange(long memberId, String newEmail, String password) {
        rateLimiter.hit("email-change:" + memberId, 5, Duration.ofHours(1));
        Member member = members.findById(memberId).orElseThrow(() -> Problems.notFound("member"));
        if (!hasher.matches(password, member.passwordHash())) {
            throw Problems.invalidField("password", "validation.passwordWrong");
        }
        String email = newEmail.strip();
        if (email.equalsIgnoreCase(member.email())) {
            throw Problems.invalidField("email", "validation.email.same");
        }
        Optional<Member> owner = members.findByEmail(email);
        if (owner.isPresent()) {
            // Answered as for a free address, so the form does not reveal who is a member; the owner is told.
            mails.addressInUse(owner.get());
            return;
        }
        mails.emailChange(member, email);
    }

    @Transactional
    public void confirmEmailChange(String token) {
        AccountTokens.Used used = tokens.consume(token, AccountTokens.Purpose.EMAIL_CHANGE);
        Member member = members.findById(used.memberId()).orElseThrow(() -> Problems.badRequest("problem.token.invalid"));
        if (members.existsByEmail(used.newEmail())) {
            throw Problems.conflict("email", "validation.email.taken");
        }
        sql.update("UPDATE members SET email = ?, email_verified_at = ? WHERE id = ?",
                List.of(used.newEmail(), clock.instant(), member.id()));
        mails.emailChanged(member, member.email(), used.newEmail());
    }

    /** What a sanction takes away until it ends: posting (silence) or signing in (suspension). */
    public enum Restriction { SILENCE, SUSPENSION }

    /** Restricts a member until {@code until}; a suspension also ends every open session at once. */
    public void restrict(long memberId, Restriction restriction, Instant until) {
        sql.update("UPDATE members SET " + column(restriction) + " = ? WHERE id = ?", List.of(until, memberId));
        if (restriction == Restriction.SUSPENSION) {
            sessions.deleteByMemberId(memberId);
        }
    }

    /** Ends a restriction early. */
    public void lift(long memberId, Restriction restriction) {
        sql.update("UPDATE members SET " + column(restriction) + " = NULL WHERE id = ?", List.of(memberId));
    }

    private static String column(Restriction restriction) {
        return restriction == Restriction.SILENCE ? "silenced_until" : "suspended_until";
    }

    /** One more published post to the member's standing (newcomer limits and trusted flags count on it). */
    public void countPublished(long memberId) {
        sql.update("UPDATE members SET approved_posts = approved_posts + 1 WHERE id = ?", List.of(memberId));
    }

    /** The one-time setup page creates the first administrator; refused once any admin exists. */
    @Transactional
    public Member createFirstAdmin(AccountRequests.Register request) {
        if (members.lockAndCountAdmins() > 0) {
            throw Problems.forbidden("problem.setupDone");
        }
        return create(request, Role.ADMIN);
    }

    /** Start-up bootstrap from RUCHE_ADMIN_EMAIL / RUCHE_ADMIN_PASSWORD; does nothing once an admin exists. */
    @Transactional
    public boolean bootstrapAdmin(String username, String email, String password) {
        if (members.lockAndCountAdmins() > 0) {
            return false;
        }
        create(new AccountRequests.Register(username, email, password, null, null, null), Role.ADMIN);
        return true;
    }

    public boolean setupRequired() {
        return members.countByRole(Role.ADMIN) == 0;
    }

    private Member create(AccountRequests.Register request, Role role) {
        PasswordPolicy.violation(request.password(), request.username()).ifPresent(code -> {
            throw Problems.invalidField("password", code);
        });
        if (members.existsByUsername(request.username())) {
            throw Problems.conflict("username", "validation.username.taken");
        }
        if (members.existsByEmail(request.email())) {
            throw Problems.conflict("email", "validation.email.taken");
        }
        String displayName = request.displayName() == null || request.displayName().isBlank()
                ? request.username() : request.displayName().strip();
        Member member = Member.register(request.username(), request.email().strip(),
                hasher.hash(request.password()), displayName, request.locale(), role, clock.instant());
        Member saved;
        try {
            saved = members.save(member);
        } catch (DataAccessException e) {
            // Two sign-ups racing for the same name: the unique index decides, the loser gets the same answer.
            throw Problems.conflict("username", "validation.username.taken");
        }
        java.time.ZoneId zone = zoneOrUtc(request.timeZone());
        sql.update("UPDATE members SET time_zone = ?, last_seen_at = ?, next_digest_at = ? WHERE id = ?",
                java.util.Arrays.asList(zone.getId(), clock.instant(),
                        DigestSchedule.next(
                                DigestSchedule.Digest.WEEKLY, 8, zone,
                                clock.instant()), saved.id()));
        return saved;
    }

    /** The first request of a member on a new day (UTC) is a visit others count (badges, daily active members). */
    @Transactional
    public void recordVisit(long memberId, Instant now) {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        if (members.moveVisitDay(memberId, today) > 0) {
            outbox.publish(new AccountEvents.MemberSignedIn(memberId, today));
        }
    }

    /** A member's standing: approved posts so far, a silence if one runs, the trust level kept on the row. */
    public record Standing(int approvedPosts, @Nullable Instant silencedUntil, int storedTrust, boolean trustLocked,
                           @Nullable Instant trustBelowSince) {
        public boolean silencedAt(Instant now) {
            return silencedUntil != null && silencedUntil.isAfter(now);
        }

        /**
         * The trust level in force. Level 1 also comes live from approved posts reaching the site's threshold (the
         * rule before trust levels), unless staff locked the level.
         */
        public int trustLevel(int trustedAfterPosts) {
            if (trustLocked) {
                return storedTrust;
            }
            return Math.max(storedTrust, approvedPosts >= trustedAfterPosts ? 1 : 0);
        }
    }

    public Standing standing(long memberId) {
        return members.standingOf(memberId).map(s -> new Standing(s.approvedPosts(), s.silencedUntil(), s.trustLevel(),
                s.trustLocked(), s.trustBelowSince())).orElseThrow(() -> Problems.notFound("member"));
    }

    /**
     * Sets a member's trust level (from activity, or by staff with {@code lock}); announces a change with the reason
     * the member is given. {@code belowSince} marks when a level-3 member fell below it (the grace period).
     */
    @Transactional
    public void setTrust(long memberId, int level, @Nullable Boolean lock, @Nullable Instant belowSince, String reason) {
        Standing before = standing(memberId);
        sql.update("UPDATE members SET trust_level = ?, trust_locked = ?, trust_below_since = ? WHERE id = ?",
                java.util.Arrays.asList(level, lock == null ? before.trustLocked() : lock, belowSince, memberId));
        if (level != before.storedTrust()) {
            outbox.publish(new AccountEvents.TrustLevelChanged(memberId, before.storedTrust(), level, reason));
        }
    }

    /** Tells a level-3 member they are about to lose it, and why (the grace period starts now). */
    @Transactional
    public void warnTrust(long memberId, Instant since, String reason) {
        sql.update("UPDATE members SET trust_below_since = ? WHERE id = ?", List.of(since, memberId));
        Standing s = standing(memberId);
        outbox.publish(new AccountEvents.TrustLevelChanged(memberId, s.storedTrust(), s.storedTrust(), reason));
    }

    /** At trust level 3 or above (the "regular" tools). */
    @Transactional(readOnly = true)
    public boolean isRegular(long memberId) {
        return storedTrustLevel(memberId) >= 3;
    }

    /** The key of the avatar the member uploaded, or null for the generated one. */
    @Transactional(readOnly = true)
    public @Nullable String avatarKeyOf(long memberId) {
        return sql.query("SELECT avatar_key FROM members WHERE id = ?", List.of(memberId), rs -> rs.getString(1))
                .stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** Uses an uploaded avatar ({@code key}), or the generated one again ({@code null}). */
    @Transactional
    public void setAvatar(long memberId, @Nullable String key) {
        sql.update("UPDATE members SET avatar_key = ? WHERE id = ?", java.util.Arrays.asList(key, memberId));
    }

    /**
     * The trust level kept on the member's row: exact from level 2 up (level 1 may also come live from approved
     * posts, see {@link Standing#trustLevel}), which is what the privileges of levels 2 and 3 ask.
     */
    @Transactional(readOnly = true)
    public int storedTrustLevel(long memberId) {
        return members.standingOf(memberId).map(MemberRepository.StandingRow::trustLevel).orElse(0);
    }

    /** Members at a trust level (for the nightly pass), by id, a page at a time. */
    @Transactional(readOnly = true)
    public List<Long> atTrustLevel(int level, long afterId, int limit) {
        return sql.query("SELECT id FROM members WHERE trust_level = ? AND NOT trust_locked AND id > ? ORDER BY id LIMIT "
                + limit, List.of(level, afterId), rs -> rs.getLong(1));
    }

    /** Moderators and admins, in id order (at most {@code limit}). */
    public List<Long> staffIds(int limit) {
        return members.staffIds(limit);
    }

    /** The member's time zone (for dates in mails and messages sent to them). */
    public String timeZoneOf(long memberId) {
        return members.timeZoneOf(memberId).orElse("UTC");
    }

    public Member byId(long memberId) {
        return members.findById(memberId).orElseThrow(() -> Problems.notFound("member"));
    }

    /** The member with this address, if any (identity providers link accounts by address). */
    @Transactional(readOnly = true)
    public Optional<Member> byEmail(String email) {
        return members.findByEmail(email.strip());
    }

    /** The member proved they read their mailbox (a link an identity provider's sign-in sent them). */
    @Transactional
    public void markEmailVerified(long memberId) {
        sql.update("UPDATE members SET email_verified_at = COALESCE(email_verified_at, ?) WHERE id = ?",
                List.of(clock.instant(), memberId));
    }

    /** Whether the member is suspended now. */
    @Transactional(readOnly = true)
    public boolean suspended(long memberId) {
        return members.countSuspended(memberId, clock.instant()) > 0;
    }

    /** The id of the member with this username, if there is one. */
    public Optional<Long> idOf(String username) {
        return members.findByUsername(username).map(Member::id);
    }

    public Member byUsername(String username) {
        return members.findByUsername(username).orElseThrow(() -> Problems.notFound("member"));
    }

    /** A member edits their own profile; an admin may edit anyone's. */
    @Transactional
    public Member updateProfile(long actorId, boolean actorIsAdmin, String username,
                                AccountRequests.UpdateProfile request) {
        Member member = byUsername(username);
        if (!actorIsAdmin && member.id() != actorId) {
            throw Problems.forbidden("problem.forbidden");
        }
        if (request.displayName() != null && request.displayName().isBlank()) {
            throw Problems.invalidField("displayName", "validation.required");
        }
        boolean publicTextChanges = (request.displayName() != null && !request.displayName().strip()
                .equals(member.displayName())) || (request.bio() != null && !request.bio().strip().equals(member.bio()));
        if (publicTextChanges && member.id() == actorId && !sql.query("SELECT 1 FROM members WHERE id = ? "
                + "AND silenced_until > ?", List.of(member.id(), clock.instant()), rs -> 1).isEmpty()) {
            // A silence covers every public word, the profile's too; the language stays the member's to choose.
            throw Problems.forbidden("problem.silenced");
        }
        for (String text : new String[]{request.displayName() == null ? "" : request.displayName(),
                request.bio() == null ? "" : request.bio()}) {
            if (screening.refuses(text, false)) {
                throw Problems.invalidField(text.equals(request.bio()) ? "bio" : "displayName",
                        "validation.watchedWord.blocked");
            }
        }
        Member updated = member.withProfile(
                request.displayName() == null ? member.displayName() : request.displayName().strip(),
                request.bio() == null ? member.bio() : request.bio().strip(),
                request.locale() == null ? member.locale() : request.locale());
        members.updateProfile(updated.id(), updated.displayName(), updated.bio(), updated.locale());
        if (publicTextChanges) {
            outbox.publish(new AccountEvents.ProfileUpdated(updated.id()));
        }
        return updated;
    }

    /** An admin promotes or demotes a member; the last admin cannot be demoted. */
    @Transactional
    public Member setRole(String username, Role role) {
        Member member = byUsername(username);
        if (member.role() == Role.ADMIN && role != Role.ADMIN && members.lockAndCountAdmins() <= 1) {
            throw Problems.badRequest("problem.lastAdmin");
        }
        members.updateRole(member.id(), role);
        return new Member(member.id(), member.username(), member.email(), member.passwordHash(),
                member.displayName(), member.bio(), role, member.locale(), member.createdAt(),
                member.emailVerifiedAt(), member.deletionDueAt());
    }

    /** The admin member directory: a keyset page with each member's groups, in two queries. */
    public AccountViews.MemberPage directory(@Nullable String query, long afterId, int limit) {
        int size = Math.max(1, Math.min(limit, 100));
        List<Member> page = query == null || query.isBlank()
                ? members.listAfter(afterId, size + 1)
                : members.searchAfter(escapeLike(query.strip()) + "%", afterId, size + 1);
        boolean more = page.size() > size;
        List<Member> shown = more ? page.subList(0, size) : page;
        Map<Long, List<String>> groupNames = new HashMap<>();
        if (!shown.isEmpty()) {
            for (MemberGroupRepository.MembershipName row : groups.groupNamesOf(shown.stream().map(Member::id).toList())) {
                groupNames.computeIfAbsent(row.memberId(), k -> new ArrayList<>()).add(row.name());
            }
        }
        List<AccountViews.MemberRow> rows = shown.stream().map(m -> new AccountViews.MemberRow(m.id(), m.username(),
                m.email(), m.displayName(), m.role(), m.createdAt(), groupNames.getOrDefault(m.id(), List.of())))
                .toList();
        return new AccountViews.MemberPage(rows, more ? shown.get(shown.size() - 1).id() : null);
    }

    /** Ids of the members with these usernames (case-insensitive), keyed by their stored username. */
    public Map<String, Long> idsByUsername(java.util.Collection<String> usernames) {
        Map<String, Long> ids = new HashMap<>();
        if (usernames.isEmpty()) {
            return ids;
        }
        for (Member m : members.findByUsernameIn(List.copyOf(usernames))) {
            ids.put(m.username(), m.id());
        }
        return ids;
    }

    private static java.time.ZoneId zoneOrUtc(@Nullable String zone) {
        try {
            return zone == null || zone.isBlank() ? java.time.ZoneOffset.UTC : java.time.ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            return java.time.ZoneOffset.UTC;
        }
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

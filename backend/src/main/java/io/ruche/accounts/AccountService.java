package io.ruche.accounts;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Problems;
import io.ruche.platform.RateLimiter;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Registration, profiles and roles: one public method per use case. */
@Singleton
public class AccountService {

    private final MemberRepository members;
    private final MemberGroupRepository groups;
    private final PasswordHasher hasher;
    private final RateLimiter rateLimiter;
    private final Clock clock;
    private final int registrationsPerHour;

    public AccountService(MemberRepository members, MemberGroupRepository groups, PasswordHasher hasher,
                          RateLimiter rateLimiter, Clock clock,
                          @Value("${ruche.rate-limits.registrations-per-hour:10}") int registrationsPerHour) {
        this.members = members;
        this.groups = groups;
        this.hasher = hasher;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
        this.registrationsPerHour = registrationsPerHour;
    }

    /** A visitor creates their account; they start as a plain member. */
    public Member register(AccountRequests.Register request, String clientAddress) {
        rateLimiter.hit("register:" + clientAddress, registrationsPerHour, Duration.ofHours(1));
        return create(request, Role.MEMBER);
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
        create(new AccountRequests.Register(username, email, password, null, null), Role.ADMIN);
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
        try {
            return members.save(member);
        } catch (DataAccessException e) {
            // Two sign-ups racing for the same name: the unique index decides, the loser gets the same answer.
            throw Problems.conflict("username", "validation.username.taken");
        }
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
        Member updated = member.withProfile(
                request.displayName() == null ? member.displayName() : request.displayName().strip(),
                request.bio() == null ? member.bio() : request.bio().strip(),
                request.locale() == null ? member.locale() : request.locale());
        members.updateProfile(updated.id(), updated.displayName(), updated.bio(), updated.locale());
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
                member.displayName(), member.bio(), role, member.locale(), member.createdAt());
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

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

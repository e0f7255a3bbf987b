package io.ruche.accounts;

import io.micronaut.transaction.annotation.Transactional;
import io.ruche.platform.Problems;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/** Admins create groups and put members in them. */
@Singleton
public class GroupService {

    private final MemberGroupRepository groups;
    private final MemberRepository members;
    private final Clock clock;

    public GroupService(MemberGroupRepository groups, MemberRepository members, Clock clock) {
        this.groups = groups;
        this.members = members;
        this.clock = clock;
    }

    public List<AccountViews.Group> list() {
        return groups.listWithCounts().stream()
                .map(g -> new AccountViews.Group(g.id(), g.name(), g.description(), g.memberCount()))
                .toList();
    }

    @Transactional
    public AccountViews.Group create(AccountRequests.CreateGroup request) {
        String name = request.name().strip();
        if (groups.existsByName(name)) {
            throw Problems.conflict("name", "validation.group.taken");
        }
        MemberGroup group = groups.save(new MemberGroup(null, name,
                request.description() == null ? "" : request.description().strip(), clock.instant()));
        return new AccountViews.Group(group.id(), group.name(), group.description(), 0);
    }

    @Transactional
    public void delete(long groupId) {
        groups.delete(find(groupId));
    }

    public List<AccountViews.GroupMember> members(long groupId) {
        find(groupId);
        return groups.listMembers(groupId).stream()
                .map(r -> new AccountViews.GroupMember(r.username(), r.displayName(), r.addedAt()))
                .toList();
    }

    @Transactional
    public void addMember(long groupId, String username) {
        find(groupId);
        Member member = members.findByUsername(username).orElseThrow(() -> Problems.notFound("member"));
        groups.addMember(groupId, member.id(), clock.instant());
    }

    @Transactional
    public void removeMember(long groupId, String username) {
        find(groupId);
        Member member = members.findByUsername(username).orElseThrow(() -> Problems.notFound("member"));
        groups.removeMember(groupId, member.id());
    }

    public boolean exists(long groupId) {
        return groups.existsById(groupId);
    }

    /** The ids of the groups a member belongs to. */
    public java.util.Set<Long> groupIdsOf(long memberId) {
        return new java.util.HashSet<>(groups.groupIdsOfMember(memberId));
    }

    /** A group by its name, with the ids of its members (for writing to a group such as "support"). */
    public record Addressed(long groupId, String name, List<Long> memberIds) {
    }

    /** A group's id by its name (identity providers name the groups a member belongs to). */
    public java.util.Optional<Long> idByName(String name) {
        return groups.findByName(name.strip()).map(MemberGroup::id);
    }

    public java.util.Optional<Addressed> byName(String name) {
        return groups.findByName(name.strip()).map(g -> new Addressed(g.id(), g.name(),
                groups.memberIdsOf(g.id())));
    }

    private MemberGroup find(long groupId) {
        return groups.findById(groupId).orElseThrow(() -> Problems.notFound("group"));
    }
}

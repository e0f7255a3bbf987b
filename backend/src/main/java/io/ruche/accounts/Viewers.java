package io.ruche.accounts;

import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Members as viewers, for work done on their behalf outside a request (a notification, a digest, the review queue's
 * staff): two queries for any number of members.
 */
@Singleton
public class Viewers {

    private final MemberRepository members;
    private final MemberGroupRepository groups;

    public Viewers(MemberRepository members, MemberGroupRepository groups) {
        this.members = members;
        this.groups = groups;
    }

    public Map<Long, Viewer> of(Collection<Long> memberIds) {
        if (memberIds.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = List.copyOf(new HashSet<>(memberIds));
        Map<Long, Set<Long>> groupsOf = new HashMap<>();
        for (MemberGroupRepository.Membership m : groups.membershipsOf(ids)) {
            groupsOf.computeIfAbsent(m.memberId(), k -> new HashSet<>()).add(m.groupId());
        }
        Map<Long, Viewer> viewers = new HashMap<>();
        for (MemberRepository.RoleOf member : members.rolesOf(ids)) {
            viewers.put(member.id(), new Viewer(member.id(), member.role(), groupsOf.getOrDefault(member.id(), Set.of())));
        }
        return viewers;
    }

    /** One member as a viewer (a guest if there is no such member). */
    public Viewer of(long memberId) {
        return of(List.of(memberId)).getOrDefault(memberId, Viewer.GUEST);
    }
}

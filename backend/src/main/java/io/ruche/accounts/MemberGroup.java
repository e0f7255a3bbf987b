package io.ruche.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A segment of members (customers, partners, beta testers) that category and event rights can name. */
@MappedEntity("member_groups")
public record MemberGroup(@Id @GeneratedValue @Nullable Long id, String name, String description,
                          Instant createdAt) {
}

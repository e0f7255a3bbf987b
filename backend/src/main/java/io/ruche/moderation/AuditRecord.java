package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One staff action in the audit log; rows are only ever inserted. */
@MappedEntity("audit_log")
public record AuditRecord(@Id @GeneratedValue @Nullable Long id, @Nullable Long actorId, String action, String targetType,
                          @Nullable Long targetId, String summary, String reason, Instant createdAt,
                          String subject) {
}

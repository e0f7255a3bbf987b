package io.ruche.accounts;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A signed-in browser. {@code id} is the SHA-256 of the cookie token, so a database leak reveals no session. */
@MappedEntity("sessions")
public record MemberSession(@Id String id,
                            Long memberId,
                            Instant createdAt,
                            Instant lastSeenAt,
                            Instant expiresAt,
                            String ip,
                            String userAgent) {
}

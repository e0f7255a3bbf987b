package io.ruche.messages;

import io.micronaut.serde.annotation.Serdeable;
import io.ruche.platform.events.DomainEvent;

/** What happens in private conversations, for the features that listen (notifications). */
public final class MessageEvents {

    private MessageEvents() {
    }

    /** A message was written in a conversation: its other participants hear of it. */
    @Serdeable
    public record MessageSent(long conversationId, long messageId, long authorId) implements DomainEvent {
    }
}

package io.ruche.platform.events;

import io.micronaut.context.annotation.Factory;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A test-only event and two subscribers: one that records, one that fails its first delivery of each probe. */
@Factory
public class ProbeEvents {

    @Serdeable
    public record Probe(String tag) implements DomainEvent {
    }

    static final List<String> RECORDED = new CopyOnWriteArrayList<>();
    static final List<String> FLAKY_SUCCEEDED = new CopyOnWriteArrayList<>();
    static final java.util.Map<String, AtomicInteger> FLAKY_TRIES = new java.util.concurrent.ConcurrentHashMap<>();

    /** Facts of accounts and moderation as seen by a subscriber: "Type:id" strings. */
    static final List<String> FACTS = new CopyOnWriteArrayList<>();

    @Singleton
    @Named("test.member-registered")
    EventSubscriber<io.ruche.accounts.AccountEvents.MemberRegistered> memberRegistered() {
        return new Subscriber<>(io.ruche.accounts.AccountEvents.MemberRegistered.class, "test.member-registered",
                "default", e -> FACTS.add("MemberRegistered:" + e.memberId()));
    }

    @Singleton
    @Named("test.member-signed-in")
    EventSubscriber<io.ruche.accounts.AccountEvents.MemberSignedIn> memberSignedIn() {
        return new Subscriber<>(io.ruche.accounts.AccountEvents.MemberSignedIn.class, "test.member-signed-in",
                "default", e -> FACTS.add("MemberSignedIn:" + e.memberId() + ":" + e.day()));
    }

    @Singleton
    @Named("test.flag-raised")
    EventSubscriber<io.ruche.moderation.ModerationEvents.FlagRaised> flagRaised() {
        return new Subscriber<>(io.ruche.moderation.ModerationEvents.FlagRaised.class, "test.flag-raised", "default",
                e -> FACTS.add("FlagRaised:" + e.postId()));
    }

    @Singleton
    @Named("test.review-decided")
    EventSubscriber<io.ruche.moderation.ModerationEvents.ReviewDecided> reviewDecided() {
        return new Subscriber<>(io.ruche.moderation.ModerationEvents.ReviewDecided.class, "test.review-decided",
                "default", e -> FACTS.add("ReviewDecided:" + e.postId() + ":" + e.action()));
    }

    @Singleton
    @Named("test.sanction-applied")
    EventSubscriber<io.ruche.moderation.ModerationEvents.SanctionApplied> sanctionApplied() {
        return new Subscriber<>(io.ruche.moderation.ModerationEvents.SanctionApplied.class, "test.sanction-applied",
                "default", e -> FACTS.add("SanctionApplied:" + e.memberId() + ":" + e.kind()));
    }

    @Singleton
    @Named("test.probe-recorder")
    EventSubscriber<Probe> recorder() {
        return new Subscriber<>(Probe.class, "test.probe-recorder", "default", e -> RECORDED.add(e.tag()));
    }

    @Singleton
    @Named("test.probe-flaky")
    EventSubscriber<Probe> flaky() {
        return new Subscriber<>(Probe.class, "test.probe-flaky", "notify", e -> {
            if (FLAKY_TRIES.computeIfAbsent(e.tag(), t -> new AtomicInteger()).incrementAndGet() == 1) {
                throw new IllegalStateException("the first delivery of " + e.tag() + " fails");
            }
            FLAKY_SUCCEEDED.add(e.tag());
        });
    }
}

package io.ruche.events;

import io.micronaut.context.annotation.Factory;
import io.ruche.platform.events.EventSubscriber;
import io.ruche.platform.events.Subscriber;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** The events' own mails, sent from the mail lane after the change committed. */
@Factory
class EventSubscribers {

    private static final String LANE = "mail";

    @Singleton
    @Named("events.registration-mail")
    EventSubscriber<EventEvents.RegistrationChanged> registration(EventMails mails) {
        return new Subscriber<>(EventEvents.RegistrationChanged.class, "events.registration-mail", LANE,
                mails::registrationChanged);
    }

    @Singleton
    @Named("events.update-mail")
    EventSubscriber<EventEvents.EventChanged> changed(EventMails mails) {
        return new Subscriber<>(EventEvents.EventChanged.class, "events.update-mail", LANE, mails::changed);
    }

    @Singleton
    @Named("events.cancel-mail")
    EventSubscriber<EventEvents.EventCancelled> cancelled(EventMails mails) {
        return new Subscriber<>(EventEvents.EventCancelled.class, "events.cancel-mail", LANE, mails::cancelled);
    }

    @Singleton
    @Named("events.recording-mail")
    EventSubscriber<EventEvents.RecordingShared> recording(EventMails mails) {
        return new Subscriber<>(EventEvents.RecordingShared.class, "events.recording-mail", LANE,
                mails::recordingShared);
    }
}

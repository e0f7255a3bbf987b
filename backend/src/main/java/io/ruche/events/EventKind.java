package io.ruche.events;

/** What kind of event: it decides how members take part (a join link, a place, or both). */
public enum EventKind {
    WEBINAR, LIVE_QA, IN_PERSON, HYBRID
}

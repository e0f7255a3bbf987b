-- The day of a member's latest visit (UTC): the first request of a new day publishes MemberSignedIn, once, because
-- only one request can move the day forward.
ALTER TABLE members ADD COLUMN last_visit_day DATE NULL;

-- Live events written by an event subscriber carry the fact they come from: a delivery that runs twice inserts once.
ALTER TABLE live_events ADD COLUMN event_key VARCHAR(64) NULL,
    ADD UNIQUE KEY uq_live_events_key (event_key);

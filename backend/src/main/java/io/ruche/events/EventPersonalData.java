package io.ruche.events;

import io.ruche.platform.PersonalData;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The member's registrations (with their answers) and the events they host. All go on erasure. */
@Singleton
class EventPersonalData implements PersonalData {

    private final Sql sql;
    private final Registrations registrations;

    EventPersonalData(Sql sql, Registrations registrations) {
        this.sql = sql;
        this.registrations = registrations;
    }

    @Override
    public String section() {
        return "events";
    }

    @Override
    public Object export(long memberId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("registrations", sql.rows("SELECT e.title, e.starts_at, r.status, r.guests, r.answers, "
                + "r.created_at, r.attended_at FROM event_registrations r JOIN events e ON e.id = r.event_id "
                + "WHERE r.member_id = ? ORDER BY r.created_at", List.of(memberId)));
        data.put("hosting", sql.rows("SELECT e.title, e.starts_at FROM event_hosts h JOIN events e "
                + "ON e.id = h.event_id WHERE h.member_id = ? ORDER BY e.starts_at", List.of(memberId)));
        return data;
    }

    @Override
    public void erase(Erasure erasure) {
        long memberId = erasure.memberId();
        registrations.forget(memberId);
        sql.update("DELETE FROM event_hosts WHERE member_id = ?", List.of(memberId));
        sql.update("DELETE FROM event_mails WHERE member_id = ?", List.of(memberId));
        sql.update("DELETE FROM event_feed_tokens WHERE member_id = ?", List.of(memberId));
    }
}

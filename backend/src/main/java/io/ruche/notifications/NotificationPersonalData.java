package io.ruche.notifications;

import io.ruche.platform.PersonalData;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The member's notifications and their choices of where each kind reaches them. All of it goes on erasure. */
@Singleton
class NotificationPersonalData implements PersonalData {

    private final Sql sql;

    NotificationPersonalData(Sql sql) {
        this.sql = sql;
    }

    @Override
    public String section() {
        return "notifications";
    }

    @Override
    public Object export(long memberId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("preferences", sql.rows("SELECT kind, channel FROM notification_preferences WHERE member_id = ? "
                + "ORDER BY kind", List.of(memberId)));
        data.put("notifications", sql.rows("SELECT kind, thread_id, post_id, detail, created_at, read_at "
                + "FROM notifications WHERE member_id = ? ORDER BY id DESC LIMIT 5000", List.of(memberId)));
        return data;
    }

    @Override
    public void erase(Erasure erasure) {
        long memberId = erasure.memberId();
        sql.update("DELETE FROM notifications WHERE member_id = ?", List.of(memberId));
        // Others' notifications about what they did keep their count, without naming them.
        sql.update("UPDATE notifications SET actor_id = NULL WHERE actor_id = ?", List.of(memberId));
        sql.update("DELETE FROM notification_deliveries WHERE member_id = ?", List.of(memberId));
        sql.update("DELETE FROM notification_preferences WHERE member_id = ?", List.of(memberId));
    }
}

package io.ruche.integrations;

import io.ruche.platform.PersonalData;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Webhook deliveries name members (their username, and their address for webhooks allowed private content). The
 * log is the forum's, not the member's, so the export leaves it out; an erasure deletes every delivery naming them
 * (what was already sent is the receiving system's to erase).
 */
@Singleton
class WebhookPersonalData implements PersonalData {

    private final Sql sql;

    WebhookPersonalData(Sql sql) {
        this.sql = sql;
    }

    @Override
    public String section() {
        return "webhook-deliveries";
    }

    @Override
    public Object export(long memberId) {
        return List.of();
    }

    @Override
    public void erase(Erasure erasure) {
        String username = "\"username\":\"" + like(erasure.username()) + "\"";
        sql.update("DELETE FROM webhook_deliveries WHERE payload LIKE ? OR payload LIKE ?",
                List.of("%" + username + "%", "%" + like(erasure.email()) + "%"));
    }

    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

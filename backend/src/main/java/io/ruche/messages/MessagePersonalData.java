package io.ruche.messages;

import io.ruche.platform.PersonalData;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The member's private conversations: the messages of the conversations they are in, their flags and blocks. On
 * erasure they leave every conversation; what they wrote stays for the others under "deleted member", or loses its
 * text when the site removes deleted members' posts; their flags and blocks go.
 */
@Singleton
class MessagePersonalData implements PersonalData {

    private final Sql sql;

    MessagePersonalData(Sql sql) {
        this.sql = sql;
    }

    @Override
    public String section() {
        return "messages";
    }

    @Override
    public Object export(long memberId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversations", sql.rows("SELECT c.id, c.subject, p.joined_at, p.left_at FROM conversation_participants p "
                + "JOIN conversations c ON c.id = p.conversation_id WHERE p.member_id = ? ORDER BY c.id", List.of(memberId)));
        data.put("messages", sql.rows("SELECT m.conversation_id, a.username AS author, m.body_source, m.created_at "
                + "FROM messages m JOIN members a ON a.id = m.author_id JOIN conversation_participants p "
                + "ON p.conversation_id = m.conversation_id AND p.member_id = ? ORDER BY m.id LIMIT 50000",
                List.of(memberId)));
        data.put("blocked", sql.rows("SELECT m.username, b.created_at FROM member_blocks b JOIN members m "
                + "ON m.id = b.blocked_id WHERE b.member_id = ?", List.of(memberId)));
        return data;
    }

    @Override
    public void erase(Erasure erasure) {
        long memberId = erasure.memberId();
        sql.update("DELETE FROM conversation_participants WHERE member_id = ?", List.of(memberId));
        sql.update("DELETE FROM message_flags WHERE member_id = ?", List.of(memberId));
        if (erasure.removeContent()) {
            sql.update("UPDATE messages SET body_source = '', body_html = '' WHERE author_id = ?", List.of(memberId));
        }
    }
}

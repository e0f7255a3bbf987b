package io.ruche.mail;

import io.ruche.platform.PersonalData;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.util.List;

/** The mails the forum sent the member (what and when; the export leaves the bodies out). All go on erasure. */
@Singleton
class MailPersonalData implements PersonalData {

    private final Sql sql;

    MailPersonalData(Sql sql) {
        this.sql = sql;
    }

    @Override
    public String section() {
        return "mails";
    }

    @Override
    public Object export(long memberId) {
        return sql.rows("SELECT to_address, template, subject, status, created_at, sent_at FROM mails "
                + "WHERE member_id = ? ORDER BY id DESC LIMIT 5000", List.of(memberId));
    }

    @Override
    public void erase(Erasure erasure) {
        sql.update("DELETE FROM mails WHERE member_id = ? OR to_address = ?",
                List.of(erasure.memberId(), erasure.email()));
        // Mails others received about what they did ("alice replied") keep their sense, not their name.
        String anonymous = "deleted-" + erasure.memberId();
        String like = "%" + erasure.username().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        sql.update("UPDATE mails SET subject = REPLACE(subject, ?, ?), text_body = REPLACE(text_body, ?, ?), "
                        + "html_body = REPLACE(html_body, ?, ?) WHERE subject LIKE ? OR text_body LIKE ?",
                List.of(erasure.username(), anonymous, erasure.username(), anonymous, erasure.username(), anonymous,
                        like, like));
    }
}

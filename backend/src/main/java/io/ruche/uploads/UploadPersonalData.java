package io.ruche.uploads;

import io.ruche.platform.PersonalData;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * The member's uploads. On erasure their avatars go; the images and files of their posts stay with the posts, or
 * go with their text when the site removes a deleted member's posts.
 */
@Singleton
class UploadPersonalData implements PersonalData {

    private static final Logger LOG = LoggerFactory.getLogger(UploadPersonalData.class);

    private final Sql sql;
    private final UploadStorage storage;

    UploadPersonalData(Sql sql, UploadStorage storage) {
        this.sql = sql;
        this.storage = storage;
    }

    @Override
    public String section() {
        return "uploads";
    }

    @Override
    public Object export(long memberId) {
        return sql.rows("SELECT kind, file_name, content_type, size_bytes, created_at, "
                + "CONCAT('/uploads/', upload_key, '/', file_name) AS address FROM uploads WHERE member_id = ? "
                + "ORDER BY id", List.of(memberId));
    }

    @Override
    public void erase(Erasure erasure) {
        record Stored(String key, String name) {
        }
        List<Stored> gone = sql.query("SELECT upload_key, file_name FROM uploads WHERE member_id = ? AND (kind = "
                        + "'AVATAR' OR ?)", List.of(erasure.memberId(), erasure.removeContent()),
                rs -> new Stored(rs.getString(1), rs.getString(2)));
        for (Stored s : gone) {
            String extension = UploadSanitizer.extension(s.name());
            try {
                storage.delete(s.key() + "." + extension);
                storage.delete(s.key() + "-t." + extension);
            } catch (IOException e) {
                LOG.warn("Could not delete the stored bytes of upload {}; the row goes all the same", s.key(), e);
            }
            sql.update("DELETE FROM uploads WHERE upload_key = ?", List.of(s.key()));
        }
    }
}

package io.ruche.forum;

import io.micronaut.context.annotation.Value;
import io.ruche.content.ContentService;
import io.ruche.platform.Sql;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Previews of the forum's own threads: a link to a thread alone on its line becomes a small card (title, the start
 * of its first post, category and replies), rendered once when the post is written, like the rest of its HTML. Only
 * threads every guest may read get a card, so a preview never shows more than the link's reader could see.
 */
@Singleton
public class Oneboxes {

    private static final int MAX_PER_POST = 10;

    private final Sql sql;
    private final ContentService content;
    private final Pattern alone;
    private final Pattern uploadImage;

    public Oneboxes(Sql sql, ContentService content, @Value("${ruche.public-url:}") String publicUrl) {
        this.sql = sql;
        this.content = content;
        String site = publicUrl.isBlank() ? "" : "(?:" + Pattern.quote(publicUrl.replaceAll("/+$", "")) + ")?";
        this.alone = Pattern.compile("<p><a href=\"" + site + "/t/(\\d+)(?:/[A-Za-z0-9_-]*)?(?:\\?[^\"#]*)?\"[^>]*>"
                + "[^<]*</a></p>");
        this.uploadImage = Pattern.compile("<img src=\"" + site + "/uploads/([A-Za-z0-9_-]{22})(/t)?/[^\"]*\"");
    }

    /** Renders a post's Markdown (content) and adds its cards: what forum stores as the post's HTML. */
    public ContentService.Rendered render(String markdown) {
        ContentService.Rendered rendered = content.render(markdown);
        return new ContentService.Rendered(expand(rendered.html()), rendered.mentionedMemberIds());
    }

    /** The rendered post with its lone thread links turned into cards, and its uploaded images sized. */
    @io.micronaut.transaction.annotation.Transactional(readOnly = true)
    public String expand(String html) {
        return sizeImages(cards(html));
    }

    /**
     * Uploaded images get their width and height (the thumbnail's when the post shows it), so the page keeps their
     * place while they load instead of jumping, and load lazily. One query for all of a post's images.
     */
    private String sizeImages(String html) {
        Matcher m = uploadImage.matcher(html);
        Set<String> keys = new LinkedHashSet<>();
        while (m.find() && keys.size() < 100) {
            keys.add(m.group(1));
        }
        if (keys.isEmpty()) {
            return html;
        }
        Map<String, int[]> sizes = new java.util.HashMap<>();
        sql.query("SELECT upload_key, width, height FROM uploads WHERE width IS NOT NULL AND upload_key IN ("
                + Sql.placeholders(keys.size()) + ")", List.copyOf(keys),
                rs -> sizes.put(rs.getString(1), new int[]{rs.getInt(2), rs.getInt(3)}));
        StringBuilder out = new StringBuilder();
        m.reset();
        while (m.find()) {
            int[] size = sizes.get(m.group(1));
            if (size == null) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            int width = size[0];
            int height = size[1];
            if (m.group(2) != null && Math.max(width, height) > 1200) {
                double ratio = 1200.0 / Math.max(width, height);
                width = (int) Math.round(width * ratio);
                height = (int) Math.round(height * ratio);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(m.group() + " width=\"" + width + "\" height=\""
                    + height + "\" loading=\"lazy\""));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String cards(String html) {
        Matcher m = alone.matcher(html);
        Set<Long> ids = new LinkedHashSet<>();
        while (m.find() && ids.size() < MAX_PER_POST) {
            ids.add(Long.parseLong(m.group(1)));
        }
        if (ids.isEmpty()) {
            return html;
        }
        record Card(String title, String slug, String category, int replies, String firstHtml) {
        }
        Map<Long, Card> cards = new java.util.HashMap<>();
        List<Object> params = new ArrayList<>(ids);
        sql.query("SELECT t.id, t.title, t.slug, c.name, t.post_count, p.body_html FROM threads t "
                        + "JOIN categories c ON c.id = t.category_id LEFT JOIN posts p ON p.thread_id = t.id "
                        + "AND p.position = 1 AND p.deleted_at IS NULL AND p.hidden_at IS NULL "
                        + "WHERE t.id IN (" + Sql.placeholders(ids.size()) + ") AND c.everyone_see = TRUE "
                        + "AND c.members_see = TRUE", params, rs -> cards.put(rs.getLong(1), new Card(rs.getString(2),
                        rs.getString(3), rs.getString(4), Math.max(0, rs.getInt(5) - 1),
                        rs.getString(6) == null ? "" : rs.getString(6))));
        StringBuilder out = new StringBuilder();
        m.reset();
        int done = 0;
        while (m.find()) {
            Card card = done < MAX_PER_POST ? cards.get(Long.parseLong(m.group(1))) : null;
            done++;
            if (card == null) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            String path = "/t/" + m.group(1) + "/" + card.slug();
            m.appendReplacement(out, Matcher.quoteReplacement("<aside class=\"onebox\"><a href=\"" + path + "\">"
                    + "<strong>" + escape(card.title()) + "</strong></a><p>"
                    + escape(content.excerpt(card.firstHtml(), 200)) + "</p><small>" + escape(card.category())
                    + " · " + card.replies() + " ↩</small></aside>"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

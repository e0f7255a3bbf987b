package io.ruche.events;

import io.ruche.accounts.Viewer;
import io.ruche.content.ContentService;
import io.ruche.platform.Messages;
import io.ruche.platform.PageMetadata;
import io.ruche.platform.ProblemException;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /events/{id}/{slug}}: the event's title and the start of its description, for events guests can see. */
@Singleton
public class EventPageMetadata implements PageMetadata {

    private static final Pattern EVENT_PATH = Pattern.compile("^/events/(\\d{1,18})(/[^/]*)?$");

    private final Events events;
    private final ContentService content;
    private final Messages messages;

    public EventPageMetadata(Events events, ContentService content, Messages messages) {
        this.events = events;
        this.content = content;
        this.messages = messages;
    }

    @Override
    public Optional<Meta> forPath(String path) {
        Matcher m = EVENT_PATH.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            EventRow event = events.requireVisible(Viewer.GUEST, Long.parseLong(m.group(1)))
                    .in(messages.requestLanguage());
            return Optional.of(new Meta(event.title(), content.excerpt(event.descriptionHtml(), 160)));
        } catch (ProblemException notVisible) {
            return Optional.empty();
        }
    }
}

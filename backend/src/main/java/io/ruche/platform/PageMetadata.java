package io.ruche.platform;

import java.util.Optional;

/**
 * Title and description of a page of the app, written into the HTML the server sends, so link previews and
 * search engines see them without running the app. Features implement it for their public pages.
 */
public interface PageMetadata {

    /** The page's metadata when this feature knows {@code path} and a guest may see it. */
    Optional<Meta> forPath(String path);

    record Meta(String title, String description) {
    }
}

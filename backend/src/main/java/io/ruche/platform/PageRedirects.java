package io.ruche.platform;

import java.util.Optional;

/**
 * A page that moved for good (a merged thread): the app's path answers with a permanent redirect to where its content
 * went, so readers, bookmarks and search engines follow it instead of finding a 404.
 */
public interface PageRedirects {

    Optional<String> forPath(String path);
}

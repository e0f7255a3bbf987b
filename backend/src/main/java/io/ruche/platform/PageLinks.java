package io.ruche.platform;

import java.util.List;

/**
 * Links a feature adds to the head of the app's page for a path (oEmbed discovery for a thread a guest can read), so
 * crawlers and content management systems find them without running the app.
 */
public interface PageLinks {

    List<Link> forPath(String path);

    record Link(String rel, String type, String href, String title) {
    }
}

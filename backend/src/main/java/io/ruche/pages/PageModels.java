package io.ruche.pages;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/** What the public pages' templates show, already worded in the reader's language and linked. */
public final class PageModels {

    private PageModels() {
    }

    /** A link shown in the page (breadcrumbs, pagination, tags). */
    public record Link(String href, String label, boolean current) {
    }

    /** One post as guests see it: {@code html} is the sanitized HTML the API serves, null when hidden or deleted. */
    public record PostItem(int position, String authorName, String authorUrl, String dateIso, String dateText,
                           @Nullable String html, String placeholder, boolean accepted, boolean official) {
    }

    public record ThreadModel(String title, List<Link> breadcrumbs, String stats, List<String> tags,
                              @Nullable PostItem acceptedAnswer, String acceptedLabel, List<PostItem> posts,
                              List<Link> pages, String pagesLabel, @Nullable String staffNote, String lockedNotice,
                              Texts t) {
    }

    /** One thread in a list (home, category, tag, profile). */
    public record ThreadItem(String title, String url, String category, String categoryUrl, String meta,
                             boolean solved, boolean pinned) {
    }

    public record ListModel(String heading, @Nullable String description, List<Link> breadcrumbs,
                            List<ThreadItem> threads, String emptyText, @Nullable Link next, @Nullable Link first,
                            List<Link> categories, String categoriesLabel, Texts t) {
    }

    public record ProfileModel(String name, String username, @Nullable String bio, String joined, String avatarUrl,
                               List<ThreadItem> threads, String threadsLabel, String emptyText, Texts t) {
    }
}

package io.ruche.forum;

import io.ruche.platform.PageMetadata;
import io.ruche.platform.ProblemException;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /t/{id}/{slug}}: the thread's title and the start of its first post, for threads guests can read. */
@Singleton
public class ThreadPageMetadata implements PageMetadata {

    private static final Pattern THREAD_PATH = Pattern.compile("^/t/(\\d{1,18})(/[^/]*)?$");

    private final ThreadService threads;

    public ThreadPageMetadata(ThreadService threads) {
        this.threads = threads;
    }

    @Override
    public Optional<Meta> forPath(String path) {
        Matcher m = THREAD_PATH.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            ForumViews.ThreadDetail detail = threads.headline(Long.parseLong(m.group(1)));
            return Optional.of(new Meta(detail.thread().title(), detail.description()));
        } catch (ProblemException notVisible) {
            return Optional.empty();
        }
    }
}

package io.ruche.moderation;

import io.micronaut.core.annotation.Nullable;
import io.ruche.accounts.Viewer;
import io.ruche.forum.Category;
import io.ruche.forum.PublishingPolicy;
import io.ruche.forum.Thread;
import jakarta.inject.Singleton;

import java.util.List;

/** Moderation's side of forum's publishing port: the gate screens, the review intake holds and flags. */
@Singleton
public class ModerationPublishingPolicy implements PublishingPolicy {

    private final PublishingGate gate;
    private final ReviewIntake intake;

    public ModerationPublishingPolicy(PublishingGate gate, ReviewIntake intake) {
        this.gate = gate;
        this.intake = intake;
    }

    @Override
    public Screening screen(Viewer viewer, Category category, @Nullable Thread thread, @Nullable String title,
                            String body) {
        return gate.screen(viewer, category.id(), category.premoderated(), thread == null ? null : thread.id(),
                thread == null ? 0 : thread.slowModeSeconds(), title, body);
    }

    @Override
    public void requireNotSilenced(Viewer viewer) {
        gate.requireNotSilenced(viewer);
    }

    @Override
    public void published(long authorId) {
        gate.published(authorId);
    }

    @Override
    public long hold(long authorId, long categoryId, @Nullable Long threadId, @Nullable String title,
                     List<String> tags, @Nullable Long replyTo, String body, String reason, String detail) {
        return intake.hold(authorId, categoryId, threadId, title, tags, replyTo, body, reason, detail);
    }

    @Override
    public void flagForReview(long postId, long categoryId, long authorId, String detail) {
        intake.flagBySystem(postId, categoryId, authorId, detail);
    }
}

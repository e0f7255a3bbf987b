package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface ThreadRepository extends CrudRepository<Thread, Long> {

    /** Locks the thread row so concurrent replies take positions one after the other. */
    @Query("SELECT * FROM threads WHERE id = :id FOR UPDATE")
    Optional<Thread> findForUpdate(long id);

    @Query("UPDATE threads SET last_post_id = :postId WHERE id = :id")
    void setLastPost(long id, long postId);

    @Query("UPDATE threads SET post_count = post_count + 1, participant_count = participant_count + :newParticipant, "
            + "last_post_id = :postId, last_poster_id = :posterId, last_post_at = :at WHERE id = :id")
    void recordReply(long id, long postId, long posterId, int newParticipant, Instant at);

    @Query("UPDATE threads SET reaction_count = reaction_count + :delta WHERE id = :id")
    void adjustReactions(long id, int delta);

    @Query("UPDATE threads SET accepted_post_id = :postId WHERE id = :id")
    void setAccepted(long id, @Nullable Long postId);

    @Query("UPDATE threads SET pinned = :pinned, pinned_globally = :pinnedGlobally, locked = :locked, "
            + "archived = :archived, title = :title, slug = :slug, category_id = :categoryId WHERE id = :id")
    void updateState(long id, boolean pinned, boolean pinnedGlobally, boolean locked, boolean archived, String title,
                     String slug, long categoryId);

    @Query("SELECT COUNT(*) > 0 FROM posts WHERE thread_id = :threadId AND author_id = :authorId")
    boolean hasPostBy(long threadId, long authorId);
}

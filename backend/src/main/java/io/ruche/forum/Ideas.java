package io.ruche.forum;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.ruche.accounts.Viewer;
import io.ruche.platform.Problems;
import io.ruche.platform.Sql;
import io.ruche.platform.db.RetryOnConflict;
import io.ruche.platform.events.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ideas: threads of an "ideas" category that members vote for (one vote each, within a budget of votes on open
 * ideas), and that staff give a status, each change told to the voters with the staff's note.
 *
 * <p>Lock order, for votes and status changes alike: the voters' budget rows ({@code idea_voters}, by member id),
 * then the idea's thread row. Deadlocks that slip through are retried ({@link RetryOnConflict}).
 */
@Singleton
public class Ideas {

    /** Where an idea stands. Done and declined ideas are closed: no more votes, and their votes return to budgets. */
    public enum Status {
        UNDER_REVIEW, PLANNED, IN_PROGRESS, DONE, DECLINED;

        boolean closed() {
            return this == DONE || this == DECLINED;
        }

        static boolean closed(@Nullable String status) {
            return status != null && valueOf(status).closed();
        }
    }

    private final Sql sql;
    private final CategoryAccess access;
    private final ThreadQueries threads;
    private final ThreadNotes notes;
    private final Outbox outbox;
    private final Clock clock;

    public Ideas(Sql sql, CategoryAccess access, ThreadQueries threads, ThreadNotes notes, Outbox outbox,
                 Clock clock) {
        this.sql = sql;
        this.access = access;
        this.threads = threads;
        this.notes = notes;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * An idea as one reader sees it: its votes and status, and the reader's part (their vote, whether they may vote,
     * the votes they have left when the site sets a budget, whether they may set the status).
     */
    @Serdeable
    public record IdeaView(long threadId, int votes, @Nullable String status, String statusNote,
                           @Nullable Instant statusAt, boolean voted, boolean canVote, @Nullable Integer votesLeft,
                           int budget, boolean canSetStatus) {
    }

    @Transactional(readOnly = true)
    public IdeaView view(Viewer viewer, long threadId) {
        return view(viewer, idea(viewer, threadId));
    }

    /** Votes for the idea; voting again changes nothing. Over budget: 409 with the budget in the message. */
    @RetryOnConflict
    @Transactional
    public IdeaView vote(Viewer viewer, long threadId) {
        long memberId = viewer.requireMember();
        Idea idea = idea(viewer, threadId);
        int open = lockVoter(memberId);
        Idea locked = lockIdea(threadId);
        if (Status.closed(locked.status())) {
            throw Problems.conflict("vote", "problem.idea.closed");
        }
        if (!sql.query("SELECT 1 FROM idea_votes WHERE thread_id = ? AND member_id = ?", List.of(threadId, memberId),
                rs -> 1).isEmpty()) {
            return view(viewer, lockIdea(threadId));
        }
        int budget = budget();
        if (budget > 0 && open >= budget) {
            throw Problems.conflict("vote", "problem.idea.budget");
        }
        sql.update("INSERT INTO idea_votes (thread_id, member_id, created_at) VALUES (?, ?, ?)",
                List.of(threadId, memberId, clock.instant()));
        sql.update("UPDATE idea_voters SET open_votes = open_votes + 1 WHERE member_id = ?", List.of(memberId));
        sql.update("UPDATE threads SET vote_count = vote_count + 1 WHERE id = ?", List.of(threadId));
        outbox.publish(new ForumEvents.ThreadChanged(idea.threadId()));
        return view(viewer, lockIdea(threadId));
    }

    /** Takes the member's vote back (nothing happens when there was none). */
    @RetryOnConflict
    @Transactional
    public IdeaView unvote(Viewer viewer, long threadId) {
        long memberId = viewer.requireMember();
        idea(viewer, threadId);
        lockVoter(memberId);
        Idea locked = lockIdea(threadId);
        if (Status.closed(locked.status())) {
            throw Problems.conflict("vote", "problem.idea.closed");
        }
        if (sql.update("DELETE FROM idea_votes WHERE thread_id = ? AND member_id = ?",
                List.of(threadId, memberId)) > 0) {
            sql.update("UPDATE idea_voters SET open_votes = GREATEST(0, open_votes - 1) WHERE member_id = ?",
                    List.of(memberId));
            sql.update("UPDATE threads SET vote_count = GREATEST(0, vote_count - 1) WHERE id = ?", List.of(threadId));
            outbox.publish(new ForumEvents.ThreadChanged(threadId));
        }
        return view(viewer, lockIdea(threadId));
    }

    /**
     * Staff set where the idea stands, with a note for the voters. Closing it (done, declined) gives every voter
     * their vote back; reopening takes it again. The voters and the author are told ({@link ForumEvents.IdeaStatusChanged}).
     */
    @RetryOnConflict
    @Transactional
    public IdeaView setStatus(Viewer viewer, long threadId, Status status, String note) {
        if (!viewer.isStaff()) {
            viewer.requireMember();
            throw Problems.forbidden("problem.forbidden");
        }
        Idea idea = idea(viewer, threadId);
        List<Long> voters = sql.query("SELECT member_id FROM idea_votes WHERE thread_id = ? ORDER BY member_id",
                List.of(threadId), rs -> rs.getLong(1));
        for (long voter : voters) {
            lockVoter(voter);
        }
        Idea locked = lockIdea(threadId);
        boolean wasClosed = Status.closed(locked.status());
        if (wasClosed != status.closed() && !voters.isEmpty()) {
            List<Object> params = new ArrayList<>();
            params.add(status.closed() ? -1 : 1);
            params.add(threadId);
            sql.update("UPDATE idea_voters v JOIN idea_votes i ON i.member_id = v.member_id "
                    + "SET v.open_votes = GREATEST(0, v.open_votes + ?) WHERE i.thread_id = ?", params);
        }
        String text = note.strip();
        Instant now = clock.instant();
        sql.update("UPDATE threads SET idea_status = ?, idea_status_note = ?, idea_status_at = ? WHERE id = ?",
                List.of(status.name(), text, now, threadId));
        notes.add(new ThreadNotes.Draft(threadId, viewer.memberId(), ThreadNotes.Action.IDEA_STATUS, null,
                status.name(), null, null, 0, 0));
        outbox.publish(new ForumEvents.ThreadChanged(idea.threadId()));
        outbox.publish(new ForumEvents.IdeaStatusChanged(threadId, status.name(), viewer.memberId(), now));
        return view(viewer, lockIdea(threadId));
    }

    /** The voters of an idea and its author, for those who tell them of a status change. */
    @Transactional(readOnly = true)
    public List<Long> votersAndAuthor(long threadId) {
        return sql.query("SELECT member_id FROM idea_votes WHERE thread_id = ? UNION "
                + "SELECT author_id FROM threads WHERE id = ?", List.of(threadId, threadId), rs -> rs.getLong(1));
    }

    /** The status note staff wrote for the idea, as it is now. */
    @Transactional(readOnly = true)
    public String statusNote(long threadId) {
        return sql.query("SELECT idea_status_note FROM threads WHERE id = ?", List.of(threadId), rs -> rs.getString(1))
                .stream().findFirst().orElse("");
    }

    /** One roadmap column: the ideas of one status the reader may see, most voted first (done: latest first). */
    @Serdeable
    public record RoadmapColumn(String status, List<ForumViews.ThreadSummary> ideas) {
    }

    private static final List<Status> ROADMAP = List.of(Status.UNDER_REVIEW, Status.PLANNED, Status.IN_PROGRESS,
            Status.DONE);

    @Transactional(readOnly = true)
    public List<RoadmapColumn> roadmap(Viewer viewer) {
        CategoryAccess.Catalog catalog = access.catalog(viewer);
        List<Long> ideaCategories = catalog.visible().values().stream()
                .filter(c -> c.kind() == CategoryKind.IDEAS).map(Category::id).toList();
        if (ideaCategories.isEmpty()) {
            return ROADMAP.stream().map(s -> new RoadmapColumn(s.name(), List.of())).toList();
        }
        // One query per column (four), each on the status index; then one batch for tags and read state.
        Map<Status, List<ThreadQueries.Row>> columns = new LinkedHashMap<>();
        List<ThreadQueries.Row> all = new ArrayList<>();
        for (Status status : ROADMAP) {
            List<Object> params = new ArrayList<>();
            params.add(status.name());
            params.addAll(ideaCategories);
            List<ThreadQueries.Row> rows = sql.query(ThreadQueries.SUMMARY_COLUMNS + "WHERE t.idea_status = ? "
                    + "AND t.category_id IN (" + Sql.placeholders(ideaCategories.size()) + ") ORDER BY "
                    + (status == Status.DONE ? "t.idea_status_at DESC" : "t.vote_count DESC") + ", t.id DESC LIMIT 30",
                    params, ThreadQueries::row);
            columns.put(status, rows);
            all.addAll(rows);
        }
        Map<Long, ForumViews.ThreadSummary> summaries = new java.util.HashMap<>();
        threads.summaries(viewer, catalog, all).forEach(s -> summaries.put(s.id(), s));
        return columns.entrySet().stream().map(e -> new RoadmapColumn(e.getKey().name(),
                e.getValue().stream().map(r -> summaries.get(r.id())).toList())).toList();
    }

    @Transactional(readOnly = true)
    public int budget() {
        return sql.query("SELECT idea_vote_budget FROM forum_settings WHERE id = 1", List.of(), rs -> rs.getInt(1))
                .get(0);
    }

    @Transactional
    public int setBudget(int budget) {
        if (budget < 0 || budget > 1000) {
            throw Problems.invalidField("budget", "validation.ideaBudget");
        }
        sql.update("UPDATE forum_settings SET idea_vote_budget = ? WHERE id = 1", List.of(budget));
        return budget;
    }

    private record Idea(long threadId, int votes, @Nullable String status, String note, @Nullable Instant at,
                        boolean archived, long categoryId) {
    }

    /** The idea if the viewer may see it (404 otherwise); a thread outside an ideas category is not an idea (404). */
    private Idea idea(Viewer viewer, long threadId) {
        Idea idea = read(threadId, "");
        CategoryAccess.Catalog catalog = access.catalog(viewer);
        Category category = catalog.requireForThread(idea.categoryId());
        if (category.kind() != CategoryKind.IDEAS) {
            throw Problems.notFound("idea");
        }
        return idea;
    }

    private Idea lockIdea(long threadId) {
        return read(threadId, " FOR UPDATE");
    }

    private Idea read(long threadId, String lock) {
        return sql.query("SELECT id, vote_count, idea_status, idea_status_note, idea_status_at, archived, category_id "
                        + "FROM threads WHERE id = ?" + lock, List.of(threadId),
                rs -> new Idea(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), Sql.instant(rs, 5),
                        rs.getBoolean(6), rs.getLong(7))).stream().findFirst()
                .orElseThrow(() -> Problems.notFound("thread"));
    }

    /** Locks the member's budget row (made on first use) and answers their votes on open ideas. */
    private int lockVoter(long memberId) {
        sql.update("INSERT IGNORE INTO idea_voters (member_id, open_votes) VALUES (?, 0)", List.of(memberId));
        return sql.query("SELECT open_votes FROM idea_voters WHERE member_id = ? FOR UPDATE", List.of(memberId),
                rs -> rs.getInt(1)).get(0);
    }

    private IdeaView view(Viewer viewer, Idea idea) {
        boolean voted = false;
        Integer left = null;
        int budget = budget();
        if (viewer.isMember()) {
            voted = !sql.query("SELECT 1 FROM idea_votes WHERE thread_id = ? AND member_id = ?",
                    List.of(idea.threadId(), viewer.memberId()), rs -> 1).isEmpty();
            if (budget > 0) {
                int open = sql.query("SELECT open_votes FROM idea_voters WHERE member_id = ?",
                        List.of(viewer.memberId()), rs -> rs.getInt(1)).stream().findFirst().orElse(0);
                left = Math.max(0, budget - open);
            }
        }
        boolean canVote = viewer.isMember() && !idea.archived() && !Status.closed(idea.status());
        return new IdeaView(idea.threadId(), idea.votes(), idea.status(), idea.note(), idea.at(), voted, canVote,
                left, budget, viewer.isStaff());
    }

    static final Set<String> STATUSES = Set.copyOf(Arrays.stream(Status.values()).map(Enum::name).toList());
}

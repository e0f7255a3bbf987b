package io.ruche.forum;

import io.ruche.accounts.Viewer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;
import java.util.Set;

/** Threads: lists, the thread page, starting, replying, staff actions, accepted answers and follows. */
@Controller("/api/v1/threads")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ThreadController {

    private final ThreadService threads;
    private final io.ruche.platform.RateLimiter rateLimiter;
    private final io.ruche.platform.ClientAddress clientAddress;
    private final int postsPerAddress;

    public ThreadController(ThreadService threads, io.ruche.platform.RateLimiter rateLimiter,
                            io.ruche.platform.ClientAddress clientAddress,
                            @io.micronaut.context.annotation.Value("${ruche.rate-limits.posts-per-address-10-minutes:60}")
                            int postsPerAddress) {
        this.rateLimiter = rateLimiter;
        this.clientAddress = clientAddress;
        this.postsPerAddress = postsPerAddress;
        this.threads = threads;
    }

    /** Latest threads across the categories the reader can see; {@code tag} narrows to one tag. */
    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> latest(@QueryValue @Nullable String tag, @QueryValue @Nullable String after,
                                  @QueryValue(defaultValue = "30") int limit,
                                  Viewer viewer, io.micronaut.http.HttpRequest<?> request) {
        if (viewer.isMember()) {
            return HttpResponse.ok(threads.latest(viewer, tag, after, limit));
        }
        String key = "api:latest:" + tag + ":" + after + ":" + limit;
        return guestJson.answer(request, key, Set.of(ForumCacheTags.LISTS), () -> threads.latest(viewer, tag, after, limit));
    }

    /**
     * The thread with a page of posts; {@code after} is the position of the last post already shown. Guests are
     * served the same bytes from the guest cache (built once, dropped when the thread changes).
     */
    @Get("/{id}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> thread(long id, @QueryValue(defaultValue = "0") int after,
                                  @QueryValue(defaultValue = "20") int limit,
                                  @QueryValue(defaultValue = "false") boolean shared,
                                  Viewer viewer, io.micronaut.http.HttpRequest<?> request) {
        HttpResponse<?> answer;
        try {
            if (viewer.isMember() && shared && !viewer.isStaff()) {
                // A member's page: the bytes every guest shares when a guest may read it (their own part comes
                // from /me); a thread only they may read is built for them, complete.
                int size = Math.max(1, Math.min(limit, 100));
                try {
                    answer = guestJson.answer(request, "api:thread:" + id + ":" + Math.max(0, after) + ":" + size,
                            () -> threads.detail(Viewer.GUEST, id, after, size), ForumCacheTags::of,
                            "private, no-cache");
                } catch (io.ruche.platform.ProblemException notForGuests) {
                    answer = HttpResponse.ok(threads.detail(viewer, id, after, limit));
                }
                return answer;
            } else if (viewer.isMember()) {
                answer = HttpResponse.ok(threads.detail(viewer, id, after, limit));
            } else {
                int size = Math.max(1, Math.min(limit, 100));
                answer = guestJson.answer(request, "api:thread:" + id + ":" + Math.max(0, after) + ":" + size,
                        () -> threads.detail(viewer, id, after, size), ForumCacheTags::of);
            }
        } catch (io.ruche.platform.ProblemException missing) {
            java.util.Optional<ThreadRedirects.Target> moved = missing.status() == HttpStatus.NOT_FOUND
                    ? redirects.of(id) : java.util.Optional.empty();
            if (moved.isEmpty()) {
                throw missing;
            }
            // A merged thread: its posts live on in the target (the app follows and shows the new address).
            return HttpResponse.status(HttpStatus.MOVED_PERMANENTLY)
                    .header(io.micronaut.http.HttpHeaders.LOCATION, "/api/v1/threads/" + moved.get().threadId()
                            + "?limit=" + Math.max(1, Math.min(limit, 100)));
        }
        if (after == 0) {
            // Opening the thread counts; loading more of it does not.
            viewCounter.viewed(id, viewer.memberId(), clientAddress.of(request),
                    request.getHeaders().get(io.micronaut.http.HttpHeaders.USER_AGENT));
        }
        return answer;
    }

    @jakarta.inject.Inject
    GuestJson guestJson;

    /**
     * The signed-in reader's own part of a thread page (rights, reactions, follow level, read position), beside the
     * shared page ({@code ?shared=true}); opening the thread counts a view here.
     */
    @Get("/{id}/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public ForumViews.ThreadViewerPart viewerPart(long id, @QueryValue(defaultValue = "0") int after,
                                                  @QueryValue(defaultValue = "20") int limit, Viewer viewer,
                                                  io.micronaut.http.HttpRequest<?> request) {
        ForumViews.ThreadViewerPart part = threads.viewerPart(viewer, id, after, limit);
        if (after == 0) {
            viewCounter.viewed(id, viewer.memberId(), clientAddress.of(request),
                    request.getHeaders().get(io.micronaut.http.HttpHeaders.USER_AGENT));
        }
        return part;
    }

    @jakarta.inject.Inject
    ViewCounter viewCounter;

    @jakarta.inject.Inject
    ThreadRedirects redirects;

    @Post
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<?> create(io.micronaut.http.HttpRequest<?> request, @Body @Valid ForumRequests.CreateThread body,
                                  Viewer viewer) {
        limitAddress(request);
        ThreadService.Outcome outcome = threads.create(viewer, body);
        if (outcome.queuedId() != null) {
            // Held for review: 202, and the author is told why.
            return HttpResponse.accepted().body(new Held(outcome.queuedId(), outcome.heldBecause()));
        }
        return HttpResponse.status(HttpStatus.CREATED).body(threads.detail(viewer, outcome.threadId(), 0, 20));
    }

    /** Besides the per-member limit, one address cannot flood the forum through many accounts. */
    private void limitAddress(io.micronaut.http.HttpRequest<?> request) {
        rateLimiter.hit("post-address:" + clientAddress.of(request), postsPerAddress, java.time.Duration.ofMinutes(10));
    }

    /** A post that waits for a moderator before it is published. */
    @io.micronaut.serde.annotation.Serdeable
    public record Held(long queuedId, String reason) {
    }

    @Post("/{id}/posts")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<?> reply(io.micronaut.http.HttpRequest<?> request, long id,
                                 @Body @Valid ForumRequests.Reply body, Viewer viewer) {
        limitAddress(request);
        ThreadService.Outcome outcome = threads.reply(viewer, id, body);
        if (outcome.queuedId() != null) {
            return HttpResponse.accepted().body(new Held(outcome.queuedId(), outcome.heldBecause()));
        }
        return HttpResponse.status(HttpStatus.CREATED).body(outcome.post());
    }

    /** Pin, lock, archive, move (staff) or retitle (author or staff). */
    @Patch("/{id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public ForumViews.ThreadDetail update(long id, @Body @Valid ForumRequests.UpdateThread body,
                                          Viewer viewer) {
        threads.update(viewer, id, body);
        return threads.detail(viewer, id, 0, 20);
    }

    @Post("/{id}/accepted-answer")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<?> accept(long id, @Body @Valid ForumRequests.AcceptAnswer body, Viewer viewer) {
        threads.accept(viewer, id, body.postId());
        return HttpResponse.noContent();
    }

    @Delete("/{id}/accepted-answer")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<?> unaccept(long id, Viewer viewer) {
        threads.accept(viewer, id, null);
        return HttpResponse.noContent();
    }

    @Put("/{id}/follow")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<?> follow(long id, @Body @Valid ForumRequests.Follow body, Viewer viewer) {
        threads.follow(viewer, id, body.level());
        return HttpResponse.noContent();
    }

    @Delete("/{id}/follow")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<?> unfollow(long id, Viewer viewer) {
        threads.follow(viewer, id, null);
        return HttpResponse.noContent();
    }
}

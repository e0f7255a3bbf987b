package io.ruche.live;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.ruche.accounts.Viewer;
import io.ruche.forum.ThreadService;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/v1/live}: a Server-Sent Events stream. Signed-in members receive their notification events;
 * anyone may also listen to one thread they can see (new posts). Events carry ids only.
 */
@Controller("/api/v1/live")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LiveController {

    private final LiveFeed feed;
    private final ThreadService threads;
    private final Duration heartbeat;

    public LiveController(LiveFeed feed, ThreadService threads,
                          @io.micronaut.context.annotation.Value("${ruche.live.heartbeat:25s}") Duration heartbeat) {
        this.feed = feed;
        this.threads = threads;
        this.heartbeat = heartbeat;
    }

    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    @Secured(SecurityRule.IS_ANONYMOUS)
    public Publisher<Event<String>> stream(Viewer viewer,
                                           @QueryValue @Nullable Long thread) {
        List<String> topics = new ArrayList<>();
        topics.add(LiveEvents.SITE_TOPIC);
        Long memberId = viewer.memberId();
        if (memberId != null) {
            topics.add(LiveEvents.memberTopic(memberId));
        }
        if (thread != null) {
            threads.requireVisible(viewer, thread); // 404 for threads the viewer cannot see
            topics.add(LiveEvents.threadTopic(thread));
        }
        Flux<Event<String>> events = Flux.create(sink -> {
            Runnable stop = feed.listen(topics, e -> sink.next(
                    Event.of(e.payload()).name(e.type()).id(String.valueOf(e.id()))));
            sink.onDispose(stop::run);
        });
        Flux<Event<String>> ready = Flux.just(Event.of("{}").name("ready"));
        Flux<Event<String>> pings = Flux.interval(heartbeat).map(i -> Event.of("").comment("ping"));
        return Flux.concat(ready, Flux.merge(events, pings));
    }
}

package io.ruche.forum;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thread views are counted in memory and added to the database every few seconds, so a popular thread does not
 * turn every page view into a write on one hot row. Each node flushes its own increments; a crash loses at
 * most the last few seconds of view counts, never content.
 */
@Singleton
public class ViewCounter {

    private static final Logger LOG = LoggerFactory.getLogger(ViewCounter.class);

    private final ThreadRepository threads;
    private final Map<Long, LongAdder> pending = new ConcurrentHashMap<>();

    public ViewCounter(ThreadRepository threads) {
        this.threads = threads;
    }

    public void viewed(long threadId) {
        pending.computeIfAbsent(threadId, id -> new LongAdder()).increment();
    }

    @Scheduled(fixedDelay = "5s")
    @PreDestroy
    public void flush() {
        for (Long threadId : pending.keySet()) {
            LongAdder adder = pending.remove(threadId);
            if (adder != null && adder.sum() > 0) {
                try {
                    threads.addViews(threadId, (int) adder.sum());
                } catch (RuntimeException e) {
                    LOG.debug("View count of thread {} not saved: {}", threadId, e.getMessage());
                }
            }
        }
    }
}

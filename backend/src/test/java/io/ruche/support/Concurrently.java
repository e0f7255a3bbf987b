package io.ruche.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Real threads hitting the server at the same instant. */
public final class Concurrently {

    private Concurrently() {
    }

    /** Runs one call per member, all released at the same instant; returns the answers in member order. */
    public static List<Api.Response> atOnce(List<Api> members, Function<Api, Api.Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(members.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (Api member : members) {
                // Each client has fetched its CSRF cookie already (registration), so the requests start together.
                Callable<Api.Response> task = () -> {
                    go.await();
                    return call.apply(member);
                };
                answers.add(pool.submit(task));
            }
            go.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                responses.add(answer.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}

package io.ruche.support;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import javax.sql.DataSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the SQL statements the application runs (datasource-proxy around the pool), leaving out background
 * jobs, so a test can show that a page runs a fixed number of queries whatever its size.
 */
@Singleton
public class StatementCounter implements BeanCreatedEventListener<DataSource>, io.micronaut.core.order.Ordered {

    private static final AtomicLong COUNT = new AtomicLong();

    /** First, so Micronaut's own wrappers (transactions, contextual connections) wrap the counting proxy. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    public static long count() {
        return COUNT.get();
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        return ProxyDataSourceBuilder.create(event.getBean()).name("counted").listener(new QueryExecutionListener() {
            @Override
            public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
            }

            @Override
            public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
                if (!java.lang.Thread.currentThread().getName().startsWith("scheduled")) {
                    COUNT.addAndGet(queryInfoList.size());
                }
            }
        }).build();
    }
}

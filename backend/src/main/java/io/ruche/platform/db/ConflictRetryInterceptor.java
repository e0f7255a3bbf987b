package io.ruche.platform.db;

import io.micronaut.aop.InterceptPhase;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Retries a {@link RetryOnConflict} method when its transaction lost a deadlock or a lock wait. It runs outside
 * the transaction interceptor (RETRY comes before TRANSACTION), so each attempt is a fresh transaction.
 */
@InterceptorBean(RetryOnConflict.class)
public class ConflictRetryInterceptor implements MethodInterceptor<Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(ConflictRetryInterceptor.class);

    private final TransactionOperations<Connection> transactions;
    private final int attempts;

    public ConflictRetryInterceptor(TransactionOperations<Connection> transactions,
                                    @Value("${ruche.db.conflict-attempts:6}") int attempts) {
        this.transactions = transactions;
        this.attempts = Math.max(1, attempts);
    }

    @Override
    public int getOrder() {
        return InterceptPhase.RETRY.getPosition();
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        if (transactions.findTransactionStatus().isPresent()) {
            return context.proceed(); // the outermost transaction is the one to run again
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return context.proceed(this);
            } catch (RuntimeException e) {
                if (attempt >= attempts || !LockConflicts.isRetryable(e)) {
                    throw e;
                }
                // Full jitter on a doubling window: colliding writers spread out instead of colliding again.
                long window = 10L << Math.min(attempt, 6);
                long pause = ThreadLocalRandom.current().nextLong(1, window + 1);
                LOG.debug("{} lost a lock conflict (attempt {}), running it again in {} ms",
                        context.getExecutableMethod(), attempt, pause);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pause));
            }
        }
    }
}

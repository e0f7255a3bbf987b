package io.ruche.platform.db;

import io.micronaut.aop.Around;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the whole transaction again (a few times, with jitter) when MariaDB chose it as a deadlock victim or it
 * waited too long for a lock. Only for use cases whose every effect is in the database, so a rolled-back attempt
 * leaves nothing behind. Inside an outer transaction it does nothing: the outer one is retried as a whole.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Around
public @interface RetryOnConflict {
}

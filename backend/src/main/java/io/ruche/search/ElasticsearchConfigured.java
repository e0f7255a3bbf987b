package io.ruche.search;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/** True when RUCHE_ELASTICSEARCH_URL names a cluster (an empty value counts as none). */
public class ElasticsearchConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context) {
        return context.getProperty("ruche.elasticsearch.url", String.class).filter(url -> !url.isBlank()).isPresent();
    }

    /** The opposite: search on MariaDB. */
    public static class NotConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return !new ElasticsearchConfigured().matches(context);
        }
    }
}

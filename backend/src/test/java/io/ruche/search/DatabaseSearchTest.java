package io.ruche.search;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The scenarios on MariaDB full-text, the embedded default. */
@MicronautTest(transactional = false)
class DatabaseSearchTest extends SearchScenarios {

    @Override
    boolean toleratesTypos() {
        return false;
    }
}

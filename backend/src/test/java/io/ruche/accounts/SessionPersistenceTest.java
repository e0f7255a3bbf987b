package io.ruche.accounts;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.ruche.support.Api;
import io.ruche.support.TestDatabase;
import io.ruche.support.TestMembers;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Sessions live in the database: a member stays signed in across a restart (or on another node). */
class SessionPersistenceTest {

    @Test
    void sessionSurvivesARestartOfTheApplication() {
        String name = TestMembers.uniqueName("restart");
        Api before;
        try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, new java.util.HashMap<String, Object>(TestDatabase.properties()), "test")) {
            before = new Api(first.getURI()).registered(name);
            assertEquals(name, before.get("/api/v1/session").at("member.username"));
        }
        try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, new java.util.HashMap<String, Object>(TestDatabase.properties()), "test")) {
            Api after = new Api(second.getURI()).withCookiesOf(before);
            Api.Response session = after.get("/api/v1/session");
            assertEquals(true, session.at("authenticated"), session.body());
            assertEquals(name, session.at("member.username"));
        }
    }
}

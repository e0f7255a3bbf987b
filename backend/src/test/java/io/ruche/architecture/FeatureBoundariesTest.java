package io.ruche.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.http.annotation.Controller;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house rules of package-by-feature, checked on the compiled classes: no cycle between feature packages (a new
 * capability listens through domain events and ports, never by making two features call each other), a feature
 * uses only its own repositories (another's data goes through that feature's services), and controllers speak
 * HTTP only (no repository).
 */
class FeatureBoundariesTest {

    private static final List<String> FEATURES = List.of("accounts", "forum", "content", "search", "notifications",
            "live", "mail", "moderation", "themes", "platform");

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ruche");

    @Test
    void theRulesSeeTheWholeApplication() {
        org.junit.jupiter.api.Assertions.assertTrue(APP.size() > 150, "classes imported: " + APP.size());
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("io.ruche.(*)..").should().beFreeOfCycles().check(APP);
    }

    @Test
    void eachFeatureUsesOnlyItsOwnRepositories() {
        for (String feature : FEATURES) {
            classes().that().resideInAPackage("io.ruche." + feature + "..")
                    .and().areAnnotatedWith(JdbcRepository.class)
                    .should().onlyBeAccessed().byAnyPackage("io.ruche." + feature + "..")
                    .allowEmptyShould(true)
                    .check(APP);
        }
    }

    @Test
    void controllersUseNoRepository() {
        noClasses().that().areAnnotatedWith(Controller.class)
                .should().dependOnClassesThat().areAssignableTo(GenericRepository.class)
                .check(APP);
    }
}

package io.github.gitlabqueueadapter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages' dependencies point one way, as docs/architecture.md's "Packages" draws them: a change that makes one
 * point back fails the build here, naming the classes.
 */
class ArchitectureTest {

    private static final String BASE = "io.github.gitlabqueueadapter";
    private static JavaClasses classes;

    @BeforeAll
    static void importMain() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void configurationIsALeaf() {
        classes()
                .that()
                .resideInAPackage(BASE + ".config..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        BASE + ".config..",
                        "java..",
                        "io.smallrye.config..",
                        "io.quarkus.runtime..",
                        "jakarta.validation..",
                        "org.hibernate.validator.constraints..")
                .check(classes);
    }

    @Test
    void theDomainIsPlainJava() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta.enterprise..", "jakarta.inject..", "jakarta.ws..", "io.quarkus..", "io.vertx..")
                .check(classes);
    }

    @Test
    void eachPackageUsesOnlyThePackagesBelowIt() {
        layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage(BASE + "..")
                .layer("config")
                .definedBy(BASE + ".config..")
                .layer("domain")
                .definedBy(BASE + ".domain..")
                .layer("gitlab")
                .definedBy(BASE + ".gitlab..")
                .layer("store")
                .definedBy(BASE + ".store..")
                .layer("watch")
                .definedBy(BASE + ".watch..")
                .layer("poll")
                .definedBy(BASE + ".poll..")
                .layer("insight")
                .definedBy(BASE + ".insight..")
                .layer("query")
                .definedBy(BASE + ".query..")
                .layer("api")
                .definedBy(BASE + ".api..")
                .layer("webhook")
                .definedBy(BASE + ".webhook..")
                .layer("ui")
                .definedBy(BASE + ".ui..")
                .layer("ops")
                .definedBy(BASE + ".ops..")
                .layer("cluster")
                .definedBy(BASE + ".cluster..")
                .layer("app")
                .definedBy(BASE + ".app..")
                .layer("dev")
                .definedBy(BASE + ".dev..")
                .whereLayer("config")
                .mayNotAccessAnyLayer()
                .whereLayer("domain")
                .mayNotAccessAnyLayer()
                .whereLayer("gitlab")
                .mayOnlyAccessLayers("config", "domain", "store")
                .whereLayer("store")
                .mayOnlyAccessLayers("config", "domain")
                .whereLayer("watch")
                .mayOnlyAccessLayers("config", "domain", "gitlab", "store")
                .whereLayer("poll")
                .mayOnlyAccessLayers("config", "domain", "gitlab", "store", "watch")
                .whereLayer("insight")
                .mayOnlyAccessLayers("config", "domain", "store", "watch")
                .whereLayer("query")
                .mayOnlyAccessLayers("config", "domain", "insight", "store", "watch")
                .whereLayer("api")
                .mayOnlyAccessLayers("config", "domain", "insight", "poll", "query", "watch")
                .whereLayer("webhook")
                .mayOnlyAccessLayers("api", "config", "domain", "store", "watch")
                .whereLayer("ui")
                .mayOnlyAccessLayers("config", "domain", "insight", "poll", "query", "watch")
                .whereLayer("ops")
                .mayOnlyAccessLayers("config", "domain", "gitlab", "insight", "query", "store", "watch", "webhook")
                .whereLayer("cluster")
                .mayOnlyAccessLayers("config", "domain")
                .whereLayer("cluster")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("app")
                .mayOnlyAccessLayers("api", "config", "domain", "gitlab", "insight")
                .whereLayer("dev")
                .mayOnlyAccessLayers("config", "domain")
                .check(classes);
    }
}

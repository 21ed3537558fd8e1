package io.tasker.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.conditions.ArchPredicates.are;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.tasker.engine.DynamicLimits;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;

/** The layering STYLE.md asks for, checked on the compiled classes of tasker-core. */
@AnalyzeClasses(packages = "io.tasker", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule core_speaks_no_http = noClasses().that().resideInAPackage("io.tasker..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..", "java.net.http..",
                    "com.sun.net.httpserver..", "org.eclipse.jetty..")
            .because("tasker-core is the engine; HTTP lives in tasker-server");

    @ArchTest
    static final ArchRule handler_spi_is_free_of_engine_internals = classes().that()
            .resideInAPackage("io.tasker.handler..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.tasker.handler..", "io.tasker.json..",
                    "java..", "tools.jackson..")
            .because("handler authors implement the SPI without seeing how the engine works");

    @ArchTest
    static final ArchRule state_machines_are_pure = classes().that().resideInAPackage("io.tasker.state..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.tasker.state..", "io.tasker", "java..")
            .because("the state tables are tested on their own, without a database");

    @ArchTest
    static final ArchRule the_decision_does_no_io = classes().that().resideInAPackage("io.tasker.engine.decision..")
            .should().onlyDependOnClassesThat(resideInAnyPackage("io.tasker.engine.decision..", "io.tasker.state..",
                    "io.tasker.template..", "io.tasker.handler..", "io.tasker.json..", "java..", "tools.jackson..")
                    .or(equivalentTo(DynamicLimits.class)))
            .andShould().onlyDependOnClassesThat().resideOutsideOfPackages("java.sql..", "javax.sql..",
                    "io.tasker.store..", "io.tasker.engine.store..")
            .because("the orchestration decision is a pure function of a task snapshot");

    /**
     * Where SQL may live: the store packages and the database plumbing, classes named for storing ({@code *Store},
     * {@code *Queue}, {@code *Inserts}, {@code *Reader}, {@code *Queries}), the analytics read side, which is nothing
     * but queries, and identity, whose classes are the repositories of its aggregates (orgs, users, roles, keys).
     * Everything else reaches the database through them.
     */
    private static final DescribedPredicate<JavaClass> STORAGE = resideInAnyPackage("io.tasker.store..",
            "io.tasker.db..", "io.tasker.engine.store..", "io.tasker.analytics..", "io.tasker.identity..")
            .or(simpleNameEndingWith("Store")).or(simpleNameEndingWith("Queue")).or(simpleNameEndingWith("Inserts"))
            .or(simpleNameEndingWith("Reader")).or(simpleNameEndingWith("Queries"))
            // The cron tick ledger is a store by role; other layers already call it by this name (issue 17).
            .or(equivalentTo(io.tasker.schedule.CronTicks.class))
            .as("storage classes");

    /** Calls that run a statement (as opposed to opening a transaction for a store to run its statements in). */
    private static final DescribedPredicate<JavaCall<?>> RUNS_SQL = target(owner(assignableTo(Jdbc.class)
            .or(assignableTo(Tx.class)))).and(target(nameMatching("query|queryOne|update")))
            .as("run a SQL statement");

    @ArchTest
    static final ArchRule sql_stays_in_storage_classes = noClasses().that(are(not(STORAGE)))
            .should().callMethodWhere(RUNS_SQL)
            .orShould().dependOnClassesThat().resideInAnyPackage("java.sql..")
            .because("SQL is easy to find when only storage classes hold it (STYLE.md: one repository per aggregate)");

    @ArchTest
    static final ArchRule packages_do_not_depend_on_each_other_in_circles = slices()
            .matching("io.tasker.(*)..").should().beFreeOfCycles()
            .because("the tree reads one way: create, claim, run, record, retry, recover");
}

package io.tasker.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.tasker.engine.DynamicLimits;

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

    @ArchTest
    static final ArchRule sql_stays_in_storage_classes = noClasses().that().resideInAnyPackage("io.tasker.template..",
                    "io.tasker.state..", "io.tasker.handler..")
            .and().doNotHaveSimpleName("TemplateStore").and().doNotHaveSimpleName("TemplateRegistry")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..")
            .because("JDBC is confined to the stores and the jdbc helper");
}

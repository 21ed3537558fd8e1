package io.tasker.server.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;

/** The server is an edge over the core: it asks the core's read side and use cases, and writes no SQL itself. */
@AnalyzeClasses(packages = "io.tasker.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ServerArchitectureTest {

    @ArchTest
    static final ArchRule the_server_runs_no_sql = noClasses().that().resideInAPackage("io.tasker.server..")
            .should().callMethodWhere(target(owner(assignableTo(Jdbc.class).or(assignableTo(Tx.class))))
                    .and(target(nameMatching("query|queryOne|update"))).as("run a SQL statement"))
            .because("SQL stays in the core's storage classes, where ArchitectureTest keeps it");
}

package io.tasker.board;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The board is a layer on the core: no HTTP, and nothing of the server or the CLI. */
@AnalyzeClasses(packages = "io.tasker.board", importOptions = ImportOption.DoNotIncludeTests.class)
class BoardArchitectureTest {

    @ArchTest
    static final ArchRule the_board_speaks_no_http = noClasses().that().resideInAPackage("io.tasker.board..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..", "java.net.http..",
                    "io.tasker.server..", "io.tasker.cli..");
}

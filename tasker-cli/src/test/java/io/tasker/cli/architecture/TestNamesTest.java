package io.tasker.cli.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.tasker.testing.TestRules;

/** The tests of this module are named as sentences ({@link TestRules#TEST_NAMES_ARE_SENTENCES}). */
@AnalyzeClasses(packages = "io.tasker.cli", importOptions = ImportOption.OnlyIncludeTests.class)
class TestNamesTest {

    @ArchTest
    static final ArchRule test_names_are_sentences = TestRules.TEST_NAMES_ARE_SENTENCES;
}

package io.tasker.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** Architecture rules about tests, shared by every module's {@code TestNamesTest}. */
public final class TestRules {

    /** One naming style for tests: sentences in snake case, e.g. {@code retry_waits_for_requested_backoff}. */
    public static final ArchRule TEST_NAMES_ARE_SENTENCES = methods().that().areAnnotatedWith(Test.class)
            .or().areAnnotatedWith(ParameterizedTest.class)
            .should().haveNameMatching("[a-z][a-z0-9]*(_[a-z0-9]+)+")
            .because("STYLE.md: test names are sentences, like retry_waits_for_requested_backoff()");

    private TestRules() {
    }
}

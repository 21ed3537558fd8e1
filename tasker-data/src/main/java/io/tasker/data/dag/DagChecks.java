package io.tasker.data.dag;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** The checks of a DAG file that need more than the file: operators, their configs, cron expressions. */
public interface DagChecks {

    /** Whether jobs may use this operator (a built-in, a registered handler, a handler class, or external). */
    boolean operatorExists(String operator);

    /** Problems of an operator's config, each as {@code (field path under config, message)}. */
    List<Problem> configProblems(String operator, ObjectNode config);

    /** Why a cron expression is not usable, if it is not. */
    Optional<String> cronProblem(String schedule);
}

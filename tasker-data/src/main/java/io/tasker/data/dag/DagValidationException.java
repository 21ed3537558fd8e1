package io.tasker.data.dag;

import io.tasker.InvalidInputException;
import java.util.List;

/** A DAG file that cannot be deployed: every problem found, each at its YAML path (400). */
public final class DagValidationException extends InvalidInputException {

    private final List<Problem> problems;

    public DagValidationException(List<Problem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public static DagValidationException of(String path, String message) {
        return new DagValidationException(List.of(new Problem(path, message)));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        if (problems.isEmpty()) {
            return "invalid DAG";
        }
        String first = problems.get(0).toString();
        return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more problems)";
    }
}

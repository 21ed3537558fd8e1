package io.tasker.template;

import io.tasker.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A template that cannot be registered; {@link #problems()} lists the problems found, each with its place. At most
 * {@link #MAX_PROBLEMS} are kept (and a last line says how many more): a generated template with a million bad
 * steps must not make an error of tens of megabytes.
 */
public class TemplateValidationException extends InvalidInputException {

    public static final int MAX_PROBLEMS = 100;

    private final List<String> problems;

    public TemplateValidationException(String template, List<String> problems) {
        super("template " + template + " is invalid: " + String.join("; ", capped(problems)));
        this.problems = capped(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static List<String> capped(List<String> problems) {
        if (problems.size() <= MAX_PROBLEMS) {
            return List.copyOf(problems);
        }
        List<String> first = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
        first.add("... and " + (problems.size() - MAX_PROBLEMS) + " more problems");
        return List.copyOf(first);
    }
}

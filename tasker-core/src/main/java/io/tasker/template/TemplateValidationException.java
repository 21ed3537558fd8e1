package io.tasker.template;

import io.tasker.InvalidInputException;
import java.util.List;

/** A template that cannot be registered; {@link #problems()} lists every problem found, each with its place. */
public class TemplateValidationException extends InvalidInputException {

    private final List<String> problems;

    public TemplateValidationException(String template, List<String> problems) {
        super("template " + template + " is invalid: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

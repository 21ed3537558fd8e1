package io.tasker.cli.client;

import io.tasker.InvalidInputException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The options that name a template and the input of the tasks made from it, shared by {@code task create} and
 * {@code schedule create}: {@code --namespace}, {@code --name}, {@code --version}, {@code --context} or
 * {@code --context-file}. Carries its own {@code --help}: picocli's standard help mixin brings a {@code --version}
 * that would clash with the template's (picocli then drops the whole standard mixin, --help included).
 */
final class TemplateInput {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
    @Option(names = "--namespace", paramLabel = "NS", required = true, description = "The template's namespace.")
    String namespace;
    @Option(names = "--name", paramLabel = "NAME", required = true, description = "The template's name.")
    String name;
    @Option(names = "--version", paramLabel = "V",
            description = "The template's version (default: the highest registered).")
    String version;
    @Option(names = "--context", paramLabel = "JSON", description = "The task's input, a JSON object.")
    String context;
    @Option(names = "--context-file", paramLabel = "FILE", description = "Read the task's input from a JSON file.")
    Path contextFile;

    /** Puts namespace, name, version and context (those given) into a request body. */
    void putInto(ObjectNode body) {
        body.put("namespace", namespace);
        body.put("name", name);
        if (version != null) {
            body.put("version", version);
        }
        JsonNode input = context();
        if (input != null) {
            body.set("context", input);
        }
    }

    private JsonNode context() {
        if (context != null && contextFile != null) {
            throw new InvalidInputException("give --context or --context-file, not both");
        }
        if (contextFile != null) {
            return object("--context-file " + contextFile, ClientCommand.readFile(contextFile));
        }
        return context == null ? null : object("--context", context);
    }

    private static JsonNode object(String option, String text) {
        JsonNode value = JsonText.parseOption(option, text);
        if (!value.isObject()) {
            throw new InvalidInputException(option + " must be a JSON object, e.g. {\"even_number\": 2}");
        }
        return value;
    }
}

package io.tasker.cli.client;

import io.tasker.cli.ExitCodes;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code tasker template ...}: the templates a running server knows; validate and register new ones. */
@Command(name = "template", mixinStandardHelpOptions = true,
        description = "Templates on a running Tasker server: list, show, validate, register.",
        subcommands = {TemplateCommand.ListTemplates.class, TemplateCommand.Get.class,
                TemplateCommand.Validate.class, TemplateCommand.Register.class})
public final class TemplateCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered templates.")
    static final class ListTemplates extends ClientCommand {
        @Option(names = "--namespace", paramLabel = "NS", description = "Only this namespace.")
        String namespace;

        @Override
        int execute(TaskerClient api) {
            JsonNode answer = api.get(TaskerClient.withQuery("/v1/templates",
                    Collections.singletonMap("namespace", namespace)));
            return print(answer, out -> {
                Table table = new Table("namespace", "name", "version", "steps", "description");
                answer.path("templates").forEach(t -> table.row(t.path("namespace").asString(""),
                        t.path("name").asString(""), t.path("version").asString(""),
                        t.path("step_count").asInt(), JsonText.cell(t.path("description"))));
                long count = answer.path("total_count").asLong();
                if (count > 0) {
                    table.print(out);
                }
                out.printf("%d template%s%n", count, count == 1 ? "" : "s");
            });
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a template and its steps.")
    static final class Get extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NAMESPACE")
        String namespace;
        @Parameters(index = "1", paramLabel = "NAME")
        String name;
        @Parameters(index = "2", paramLabel = "VERSION")
        String version;

        @Override
        int execute(TaskerClient api) {
            JsonNode template = api.get("/v1/templates/" + TaskerClient.segment(namespace) + "/"
                    + TaskerClient.segment(name) + "/" + TaskerClient.segment(version));
            return print(template, out -> {
                new Fields().add("Template", TaskPrinter.template(template))
                        .add("Description", JsonText.cell(template.path("description")))
                        .add("Steps", template.path("steps").size())
                        .print(out);
                out.println();
                Table steps = new Table("name", "type", "depends_on", "handler", "retryable", "max_attempts");
                template.path("steps").forEach(step -> steps.row(step.path("name").asString(""),
                        step.path("type").asString(""), JsonText.cell(step.path("dependencies")),
                        step.path("handler").asString(""), step.path("default_retryable").asBoolean() ? "yes" : "no",
                        JsonText.cell(step.path("default_max_attempts"))));
                steps.print(out);
            });
        }
    }

    /** A template file sent as the server expects it: JSON for {@code *.json}, YAML otherwise. */
    abstract static class TemplateFileCommand extends ClientCommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "A template, YAML (or JSON if named *.json).")
        Path file;

        /**
         * Posts the file; an invalid template is reported on stderr (the one-line error, then each problem on its
         * own line) and gives empty.
         */
        Optional<TaskerClient.Reply> sendValid(TaskerClient api, String path) {
            boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
            try {
                return Optional.of(api.send("POST", path, json ? "application/json" : "application/yaml",
                        readFile(file)));
            } catch (ClientException invalid) {
                if (!invalid.errorCode().equals("invalid_template")) {
                    throw invalid;
                }
                err().printf("tasker: %s is not a valid template (%d problem%s)%n", file,
                        invalid.problems().size(), invalid.problems().size() == 1 ? "" : "s");
                invalid.problems().forEach(problem -> err().println("  " + problem));
                return Optional.empty();
            }
        }

        static String describe(JsonNode template) {
            return template.path("namespace").asString("") + "/"
                    + template.path("name").asString("") + "@" + template.path("version").asString("");
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a template file with the server's rules; nothing is stored.")
    static final class Validate extends TemplateFileCommand {
        @Override
        int execute(TaskerClient api) {
            Optional<TaskerClient.Reply> sent = sendValid(api, "/v1/templates/validate");
            if (sent.isEmpty()) {
                return ExitCodes.USAGE;
            }
            TaskerClient.Reply reply = sent.get();
            JsonNode template = reply.body().path("template");
            return print(reply.body(), out -> out.printf("valid: %s (%d step%s)%n", describe(template),
                    template.path("steps").size(), template.path("steps").size() == 1 ? "" : "s"));
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register a template file; registering identical content again is accepted.")
    static final class Register extends TemplateFileCommand {
        @Override
        int execute(TaskerClient api) {
            Optional<TaskerClient.Reply> sent = sendValid(api, "/v1/templates");
            if (sent.isEmpty()) {
                return ExitCodes.USAGE;
            }
            TaskerClient.Reply reply = sent.get();
            return print(reply.body(), out -> out.printf("%s: %s%n",
                    reply.status() == 201 ? "registered" : "already registered (identical)",
                    describe(reply.body())));
        }
    }
}

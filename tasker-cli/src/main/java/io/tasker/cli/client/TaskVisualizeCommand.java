package io.tasker.cli.client;

import java.util.Locale;
import java.util.UUID;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code tasker task visualize}: a task's steps as a Mermaid flowchart or a Graphviz digraph, coloured by state. */
@Command(name = "visualize", mixinStandardHelpOptions = true,
        description = "Print a task's step graph, coloured by step state, as Mermaid (default) or Graphviz dot.")
final class TaskVisualizeCommand extends ClientCommand {

    /** The diagram language. */
    enum Format {
        MERMAID, DOT;

        /** Accepts {@code mermaid} and {@code dot} in any case. */
        static final class Converter implements CommandLine.ITypeConverter<Format> {
            @Override
            public Format convert(String value) {
                try {
                    return Format.valueOf(value.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.TypeConversionException("expected mermaid or dot, got '" + value + "'");
                }
            }
        }
    }

    @Parameters(paramLabel = "TASK_UUID", description = "The task.",
            converter = UuidConverter.class)
    UUID task;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "mermaid", converter = Format.Converter.class,
            description = "mermaid (default) or dot.")
    Format format;

    @Override
    int execute(TaskerClient api) {
        JsonNode found = api.get(TaskCommand.taskPath(task));
        return print(found, out -> out.print(format == Format.DOT ? TaskDiagram.dot(found)
                : TaskDiagram.mermaid(found)));
    }
}

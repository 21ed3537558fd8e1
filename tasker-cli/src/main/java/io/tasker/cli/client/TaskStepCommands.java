package io.tasker.cli.client;

import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code tasker task steps|step|step-audit}: a task's workflow steps and their recorded results. */
final class TaskStepCommands {

    private TaskStepCommands() {
    }

    static String stepsPath(UUID task) {
        return TaskCommand.taskPath(task) + "/workflow_steps";
    }

    static String stepPath(UUID task, UUID step) {
        return stepsPath(task) + "/" + step;
    }

    /** A command about one step: its task's uuid, and the step's uuid or name. */
    abstract static class StepCommand extends ClientCommand {
        @Parameters(index = "0", paramLabel = "TASK_UUID", description = "The task.",
                converter = UuidConverter.class)
        UUID task;
        @Parameters(index = "1", paramLabel = "STEP", description = "The step: its uuid, or its name in the task.",
                converter = StepRef.Converter.class)
        StepRef step;

        /** The step's path in the API, after looking its name up when a name was given. */
        String stepPath(TaskerClient api) {
            return TaskStepCommands.stepPath(task, step.resolve(api, task));
        }
    }

    @Command(name = "steps", mixinStandardHelpOptions = true, description = "List a task's steps.")
    static final class Steps extends ClientCommand {
        @Parameters(index = "0", paramLabel = "TASK_UUID", description = "The task.",
                converter = UuidConverter.class)
        UUID task;

        @Override
        int execute(TaskerClient api) {
            JsonNode steps = api.get(stepsPath(task));
            return print(steps, out -> TaskPrinter.steps(out, steps));
        }
    }

    @Command(name = "step", mixinStandardHelpOptions = true,
            description = "Show every field of a step, its results as JSON.")
    static final class Step extends StepCommand {
        @Override
        int execute(TaskerClient api) {
            JsonNode found = api.get(stepPath(api));
            return print(found, out -> TaskPrinter.step(out, found));
        }
    }

    @Command(name = "step-audit", mixinStandardHelpOptions = true,
            description = "Show a step's recorded results and operator actions, newest first.")
    static final class StepAudit extends StepCommand {
        @Override
        int execute(TaskerClient api) {
            JsonNode entries = api.get(stepPath(api) + "/audit");
            return print(entries, out -> TaskPrinter.audit(out, entries));
        }
    }
}

package io.tasker.cli.client;

import io.tasker.json.Json;
import io.tasker.task.StepAction;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tasker task reset-step|resolve-step|complete-step}: operator actions on a step
 * ({@code PATCH .../workflow_steps/{step_uuid}}). The server records the caller with the reason.
 */
final class StepActionCommands {

    private StepActionCommands() {
    }

    /** The task and step acted on, the reason, and the request every action sends. */
    abstract static class StepAction extends TaskStepCommands.StepCommand {
        @Option(names = "--reason", paramLabel = "R", required = true, description = "Why; kept in the audit trail.")
        String reason;

        abstract ObjectNode action();

        @Override
        int execute(TaskerClient api) {
            ObjectNode request = action();
            request.put("reason", reason);
            JsonNode changed = api.patch(stepPath(api), request);
            return print(changed, out -> printChanged(out, changed));
        }

        static ObjectNode actionType(String type) {
            ObjectNode request = Json.object();
            request.put("action_type", type);
            return request;
        }

        private static void printChanged(PrintWriter out, JsonNode step) {
            out.printf("step %s (%s) is now %s%n", step.path("name").asString(""),
                    step.path("step_uuid").asString(""), step.path("current_state").asString(""));
        }
    }

    @Command(name = "reset-step", mixinStandardHelpOptions = true,
            description = "Take a step in error back to pending, attempts reset to 0, so that it runs again.")
    static final class ResetStep extends StepAction {
        @Override
        ObjectNode action() {
            return actionType("reset_for_retry");
        }
    }

    @Command(name = "resolve-step", mixinStandardHelpOptions = true,
            description = "Mark a step resolved by hand: it counts as done (without a result) for the steps after it.")
    static final class ResolveStep extends StepAction {
        @Override
        ObjectNode action() {
            return actionType("resolve_manually");
        }
    }

    @Command(name = "complete-step", mixinStandardHelpOptions = true,
            description = "Mark a step complete with a result given by hand.")
    static final class CompleteStep extends StepAction {
        @Option(names = "--result", paramLabel = "JSON", required = true, description = "The step's result.")
        String result;
        @Option(names = "--metadata", paramLabel = "JSON", description = "Extra facts to record, a JSON object.")
        String metadata;

        @Override
        ObjectNode action() {
            ObjectNode request = actionType("complete_manually");
            ObjectNode completion = request.putObject("completion_data");
            completion.set("result", JsonText.parseOption("--result", result));
            if (metadata != null) {
                completion.set("metadata", JsonText.parseOption("--metadata", metadata));
            }
            return request;
        }
    }
}

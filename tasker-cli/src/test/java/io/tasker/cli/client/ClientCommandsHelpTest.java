package io.tasker.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.cli.CliRun;
import io.tasker.cli.ExitCodes;
import io.tasker.cli.TaskerCli;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class ClientCommandsHelpTest {

    /** Every command that talks to a server, found in the command tree so that none can be left out. */
    static List<String> clientCommands() {
        List<String> commands = new ArrayList<>();
        collect(new CommandLine(new TaskerCli()), commands);
        return commands;
    }

    private static void collect(CommandLine command, List<String> into) {
        if (command.getCommand() instanceof ClientCommand) {
            into.add(command.getCommandSpec().qualifiedName().substring("tasker ".length()));
        }
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }

    @Test
    void the_client_commands_include_every_group() {
        assertThat(clientCommands()).contains("task create", "template validate", "dlq list", "dlq update",
                "dlq detect", "system health");
    }

    @ParameterizedTest
    @MethodSource("clientCommands")
    void every_client_command_has_help_with_the_client_options(String command) {
        CliRun run = CliRun.of((command + " --help").split(" "));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("Usage: tasker " + command).contains("--url=URL").contains("--api-key=KEY")
                .contains("--output=FORMAT");
    }
}

package io.tasker.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.cli.CliRun;
import io.tasker.cli.ExitCodes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientCommandsHelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"task create", "task get", "task list", "task cancel", "task steps", "task step",
            "task step-audit", "task reset-step", "task resolve-step", "task complete-step", "task visualize",
            "template list", "template get", "template validate", "template register", "system health",
            "system info"})
    void every_client_command_has_help_with_the_client_options(String command) {
        CliRun run = CliRun.of((command + " --help").split(" "));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("Usage: tasker " + command).contains("--url=URL").contains("--api-key=KEY")
                .contains("--output=FORMAT");
    }
}

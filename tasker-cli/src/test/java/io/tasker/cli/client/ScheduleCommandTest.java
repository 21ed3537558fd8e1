package io.tasker.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.cli.CliRun;
import io.tasker.cli.ExitCodes;
import io.tasker.json.Json;
import io.tasker.testing.DatabaseTest;
import io.tasker.testing.Templates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code tasker schedule create} takes the template and its input with the same options as {@code task create}. */
@DatabaseTest
class ScheduleCommandTest {

    private static final String TEMPLATE = Templates.template("cli_schedules", "nightly").step("only", "noop")
            .yaml();

    @TempDir
    Path temp;

    @Test
    void a_schedule_takes_its_tasks_input_from_a_file_or_the_command_line_but_not_both(DataSource dataSource)
            throws Exception {
        Path input = Files.writeString(temp.resolve("input.json"), "{\"region\": \"eu\"}");
        try (ClientServer server = ClientServer.startWithTemplates(dataSource, List.of(TEMPLATE))) {
            CliRun fromFile = server.run("schedule", "create", "--namespace", "cli_schedules", "--name", "nightly",
                    "--version", "1.0.0", "--cron", "@daily", "--context-file", input.toString(), "--output", "json");
            assertThat(fromFile.exitCode()).as(fromFile.err()).isEqualTo(ExitCodes.OK);
            JsonNode schedule = Json.parse(fromFile.out());
            assertThat(schedule.path("context").path("region").asString()).isEqualTo("eu");
            assertThat(schedule.path("version").asString()).isEqualTo("1.0.0");

            CliRun both = server.run("schedule", "create", "--namespace", "cli_schedules", "--name", "nightly",
                    "--cron", "@daily", "--context", "{}", "--context-file", input.toString());
            assertThat(both.exitCode()).isNotEqualTo(ExitCodes.OK);
            assertThat(both.err()).contains("give --context or --context-file, not both");
            CliRun help = server.run("schedule", "create", "--help");
            assertThat(help.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(help.out()).contains("--context-file", "--cron", "--version");
        }
    }
}

package io.tasker.cli;

import io.tasker.cli.admin.AdminCommand;
import io.tasker.cli.board.BoardCommand;
import io.tasker.cli.mcp.McpCommand;
import io.tasker.cli.client.SystemCommand;
import io.tasker.cli.client.TaskCommand;
import io.tasker.cli.client.DeliveryCommand;
import io.tasker.cli.client.DlqCommand;
import io.tasker.cli.client.ScheduleCommand;
import io.tasker.cli.client.TemplateCommand;
import io.tasker.cli.client.WhoamiCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tasker} command. */
@Command(name = "tasker",
        mixinStandardHelpOptions = true,
        versionProvider = TaskerCli.Version.class,
        description = "Durable DAG workflow orchestration on PostgreSQL.",
        subcommands = {ServerCommand.class, DemoCommand.class, DbCommand.class, TaskCommand.class, TemplateCommand.class,
                DlqCommand.class, ScheduleCommand.class, DeliveryCommand.class, SystemCommand.class,
                WhoamiCommand.class, AdminCommand.class, BoardCommand.class, McpCommand.class,
                io.tasker.cli.client.DagCommand.class, io.tasker.cli.client.DatasetCommand.class,
                io.tasker.cli.client.JobCommand.class, io.tasker.cli.client.QueryCommand.class,
                CommandLine.HelpCommand.class})
public final class TaskerCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line and returns the exit code (see {@link ExitCodes}). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new TaskerCli())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(new ErrorReporter())
                .setExitCodeExceptionMapper(ErrorReporter::exitCode);
        commandLine.setParameterExceptionHandler((problem, arguments) -> {
            CommandLine failed = problem.getCommandLine();
            failed.getErr().println("tasker: " + problem.getMessage());
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more.");
            return ExitCodes.USAGE;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = TaskerCli.class.getPackage().getImplementationVersion();
            return new String[] {"tasker " + (version == null ? "development build" : version)};
        }
    }
}

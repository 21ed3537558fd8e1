package io.tasker.cli.board;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tasker board ...}: the coordination board on a running Tasker server. */
@Command(name = "board", mixinStandardHelpOptions = true,
        description = "The coordination board: tasks agents and people share on a running Tasker server. Act as an"
                + " agent with --agent or TASKER_AGENT_ID.",
        subcommands = {TaskCommands.Add.class, TaskCommands.ListTasks.class, TaskCommands.Show.class,
                TaskCommands.Update.class, TaskCommands.Complete.class, TaskCommands.Cancel.class,
                TaskCommands.Delete.class, TaskCommands.Assign.class, WorkCommands.Claim.class,
                WorkCommands.Release.class, WorkCommands.Heartbeat.class, WorkCommands.Ready.class, DepCommand.class,
                WorkCommands.Join.class, ContextCommands.Share.class, ContextCommands.Note.class,
                ContextCommands.Discover.class, ContextCommands.Show.class, WatchCommand.class,
                WorkCommands.Conflicts.class, WorkCommands.Export.class})
public final class BoardCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

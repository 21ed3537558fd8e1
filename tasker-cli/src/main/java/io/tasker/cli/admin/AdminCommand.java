package io.tasker.cli.admin;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tasker admin}: orgs, users, roles and keys in the database. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Orgs, users, roles and API keys, in the database directly (no server or key needed).",
        subcommands = {OrgCommands.class, UserCommands.class, RoleCommands.class, KeyCommands.class})
public final class AdminCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints a group's usage when it is given no subcommand. */
    abstract static class Group implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }
}

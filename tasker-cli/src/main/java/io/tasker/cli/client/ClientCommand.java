package io.tasker.cli.client;

import io.tasker.InvalidInputException;
import io.tasker.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

/** A command that talks to a Tasker server: the client options, a connected client, and the two output forms. */
abstract class ClientCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        try (TaskerClient connected = client.connect()) {
            return execute(connected);
        } finally {
            out().flush();
            err().flush();
        }
    }

    /** Runs the command against the server and returns its exit code. */
    abstract int execute(TaskerClient api) throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints {@code json} pretty with {@code --output json}, otherwise as {@code text} renders it. */
    int print(JsonNode json, Consumer<PrintWriter> text) {
        if (client.json()) {
            out().println(JsonText.pretty(json));
        } else {
            text.accept(out());
        }
        return ExitCodes.OK;
    }

    /** A file named on the command line; one that cannot be read is a usage error. */
    static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}

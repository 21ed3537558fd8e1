package io.tasker.cli;

import io.tasker.db.Database;
import io.tasker.db.Migrations;
import io.tasker.db.schema.SchemaCatalog;
import io.tasker.db.schema.SchemaMarkdown;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tasker db ...}: migrations, schema documentation and connection facts. */
@Command(name = "db", description = "Database: migrate, document the schema, show connection facts.",
        mixinStandardHelpOptions = true,
        subcommands = {DbCommand.Migrate.class, DbCommand.SchemaDoc.class, DbCommand.Info.class})
final class DbCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Apply pending migrations to the tasker schema (the server also does this on start).")
    static final class Migrate implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database db = Database.open(database.settings())) {
                Migrations.Result result = db.migrate();
                spec.commandLine().getOut().printf("Schema tasker is at version %s (%d migration%s applied) on %s%n",
                        result.schemaVersion(), result.applied(), result.applied() == 1 ? "" : "s",
                        db.url().redacted());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "schema-doc", mixinStandardHelpOptions = true,
            description = "Migrate a database (a fresh embedded one unless --database-url is given), read its "
                    + "catalog and write the schema as Markdown with a Mermaid ER diagram.")
    static final class SchemaDoc implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
        Path output;
        @Option(names = "--schema", paramLabel = "NAME", defaultValue = Migrations.SCHEMA,
                description = "tasker (default) or a layer's schema, e.g. tasker_board.")
        String schema;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Path scratch = database.isExternal() ? null : Files.createTempDirectory("tasker-schema-doc");
            try (Database db = Database.open(database.settingsWithEmbeddedDirectory(scratch))) {
                db.migrate();
                String markdown = markdown(db.dataSource(), schema);
                if (output == null) {
                    PrintWriter out = spec.commandLine().getOut();
                    out.print(markdown);
                    out.flush();
                } else {
                    Path target = output.toAbsolutePath();
                    if (target.getParent() != null) {
                        Files.createDirectories(target.getParent());
                    }
                    Files.writeString(target, markdown, StandardCharsets.UTF_8);
                    spec.commandLine().getErr().println("Wrote " + output);
                }
            } finally {
                if (scratch != null) {
                    deleteRecursively(scratch);
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Show which database Tasker uses, its version and the schema version.")
    static final class Info implements Callable<Integer> {
        @Mixin
        DatabaseOptions database;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (Database db = Database.open(database.settings())) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("Database:        %s%n", db.isEmbedded() ? "embedded PostgreSQL" : "external PostgreSQL");
                out.printf("JDBC URL:        %s%n", db.url().redacted());
                out.printf("Server version:  %s%n", db.serverVersion().text());
                out.printf("Schema version:  %s%n", Migrations.currentVersion(db.dataSource()));
                out.printf("Schema current:  %s%n", Migrations.isCurrent(db.dataSource())
                        ? "yes" : "no (run: tasker db migrate)");
            }
            return ExitCodes.OK;
        }
    }

    /** The page of the core's schema, or of a layer's (found among the migrated layers). */
    static String markdown(javax.sql.DataSource dataSource, String schema) {
        if (schema.equals(Migrations.SCHEMA)) {
            return SchemaMarkdown.render(SchemaCatalog.read(dataSource));
        }
        io.tasker.db.SchemaLayer layer = Migrations.layers().stream().filter(l -> l.schema().equals(schema))
                .findFirst().orElseThrow(() -> new io.tasker.InvalidInputException("--schema: '" + schema
                        + "' is not tasker or a layer's schema (" + Migrations.layers().stream()
                        .map(io.tasker.db.SchemaLayer::schema).toList() + ")"));
        return SchemaMarkdown.render(SchemaCatalog.read(dataSource, schema), layer.title(),
                "bin/tasker db schema-doc --schema " + schema + " --output docs/database-schema-"
                        + schema.replace("tasker_", "") + ".md", layer.description());
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

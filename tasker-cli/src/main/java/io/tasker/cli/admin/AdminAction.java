package io.tasker.cli.admin;

import io.tasker.cli.DatabaseOptions;
import io.tasker.cli.client.JsonText;
import io.tasker.cli.client.Table;
import io.tasker.db.Database;
import io.tasker.identity.Identity;
import io.tasker.identity.Org;
import io.tasker.json.Json;
import io.tasker.server.auth.Permission;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * One {@code tasker admin} action: opens the database (migrating it, so that it works on a fresh one), acts in
 * the org of {@code --org}, and prints readable text or, with {@code --json}, the same JSON as the admin API.
 * Changes made here are audited with no acting user (the operator at the database).
 */
abstract class AdminAction implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--org", paramLabel = "SLUG", defaultValue = Org.DEFAULT_SLUG,
            description = "The org to act in (default: ${DEFAULT-VALUE}).")
    String orgSlug;

    @Option(names = "--json", description = "Print JSON (the admin API's) instead of text.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    final Clock clock = Clock.systemUTC();

    @Override
    public final Integer call() {
        try (Database db = Database.open(database.settings())) {
            db.migrate();
            Identity identity = Identity.of(db.dataSource(), clock, Permission.codes());
            run(identity, identity.orgs().get(orgSlug));
        }
        return 0;
    }

    abstract void run(Identity identity, Org org);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** A listing: a JSON array of {@code json} of each item, or a table with one {@code row} per item. */
    <T> void printList(List<T> items, Function<T, JsonNode> json, Table table, BiConsumer<Table, T> row) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        items.forEach(item -> array.add(json.apply(item)));
        items.forEach(item -> row.accept(table, item));
        print(array, table::print);
    }

    void print(JsonNode value, Consumer<PrintWriter> text) {
        if (json) {
            out().println(JsonText.pretty(value));
        } else {
            text.accept(out());
        }
    }
}

package io.tasker.cli.admin;

import io.tasker.cli.client.Table;
import io.tasker.identity.Identity;
import io.tasker.identity.Org;
import io.tasker.server.api.AdminViews;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tasker admin org create|list}. */
@Command(name = "org", mixinStandardHelpOptions = true, description = "Create and list orgs.",
        subcommands = {OrgCommands.Create.class, OrgCommands.ListOrgs.class})
final class OrgCommands extends AdminCommand.Group {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an org.")
    static final class Create extends AdminAction {
        @Parameters(index = "0", paramLabel = "SLUG", description = "Short name: a-z, 0-9 and '-'.")
        String slug;
        @Option(names = "--name", paramLabel = "NAME", description = "Display name (default: the slug).")
        String name;

        @Override
        void run(Identity identity, Org ignored) {
            Org org = identity.orgs().create(name == null ? slug : name, slug, Optional.empty());
            print(AdminViews.org(org), out -> out.printf("Created org %s (%s), id %s%n", org.slug(), org.name(),
                    org.id()));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every org.")
    static final class ListOrgs extends AdminAction {
        @Override
        void run(Identity identity, Org ignored) {
            printList(identity.orgs().list(), AdminViews::org, new Table("SLUG", "NAME", "ID", "CREATED_AT"),
                    (table, org) -> table.row(org.slug(), org.name(), org.id(), org.createdAt()));
        }
    }
}

package io.tasker.cli.admin;

import io.tasker.cli.client.Table;
import io.tasker.identity.BuiltInRole;
import io.tasker.identity.Identity;
import io.tasker.identity.Org;
import io.tasker.identity.User;
import io.tasker.server.api.AdminViews;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tasker admin user create|list|disable}. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Create, list and disable users.",
        subcommands = {UserCommands.Create.class, UserCommands.ListUsers.class, UserCommands.Disable.class})
final class UserCommands extends AdminCommand.Group {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a user of the org.")
    static final class Create extends AdminAction {
        @Parameters(index = "0", paramLabel = "EXTERNAL_ID",
                description = "What the identity provider calls the user (a JWT's sub); unique across orgs.")
        String externalId;
        @Option(names = "--role", paramLabel = "ROLE", defaultValue = "viewer",
                description = "Base role: admin, operator, developer, viewer or worker (default: ${DEFAULT-VALUE}).")
        String role;
        @Option(names = "--email", paramLabel = "EMAIL", description = "The user's email address.")
        String email;

        @Override
        void run(Identity identity, Org org) {
            User user = identity.users().create(org.id(), externalId, Optional.ofNullable(email),
                    BuiltInRole.parse(role), Optional.empty());
            print(AdminViews.user(user, org.slug()), out -> out.printf("Created user %s (%s) in org %s, id %s%n",
                    user.externalId(), user.role().slug(), org.slug(), user.id()));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users of the org.")
    static final class ListUsers extends AdminAction {
        @Override
        void run(Identity identity, Org org) {
            printList(identity.users().list(org.id()), user -> AdminViews.user(user, org.slug()),
                    new Table("EXTERNAL_ID", "ROLE", "STATUS", "EMAIL", "ID"),
                    (table, user) -> table.row(user.externalId(), user.role().slug(),
                            user.isReserved() ? "bootstrap" : user.enabled() ? "enabled" : "disabled",
                            user.email().orElse("-"), user.id()));
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable a user: it can no longer authenticate (refused for the org's last admin).")
    static final class Disable extends AdminAction {
        @Parameters(index = "0", paramLabel = "EXTERNAL_ID", description = "The user.")
        String externalId;

        @Override
        void run(Identity identity, Org org) {
            User user = identity.users().disable(org.id(), externalId, Optional.empty());
            print(AdminViews.user(user, org.slug()), out -> out.printf("Disabled user %s of org %s%n",
                    user.externalId(), org.slug()));
        }
    }
}

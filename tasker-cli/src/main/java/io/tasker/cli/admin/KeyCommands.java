package io.tasker.cli.admin;

import io.tasker.InvalidInputException;
import io.tasker.cli.client.Table;
import io.tasker.identity.ApiKey;
import io.tasker.identity.Identity;
import io.tasker.identity.IssuedKey;
import io.tasker.identity.Org;
import io.tasker.server.api.AdminViews;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tasker admin key create|list|revoke}. */
@Command(name = "key", mixinStandardHelpOptions = true, description = "Create, list and revoke users' API keys.",
        subcommands = {KeyCommands.Create.class, KeyCommands.ListKeys.class, KeyCommands.Revoke.class})
final class KeyCommands extends AdminCommand.Group {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key for a user; the key is printed this once and stored only as a hash.")
    static final class Create extends AdminAction {
        @Parameters(index = "0", paramLabel = "USER", description = "The user's external id.")
        String user;
        @Option(names = "--name", paramLabel = "NAME", defaultValue = "cli",
                description = "What the key is for (default: ${DEFAULT-VALUE}).")
        String name;
        @Option(names = "--expires-at", paramLabel = "INSTANT",
                description = "When the key stops working, e.g. 2030-01-01T00:00:00Z (default: never).")
        String expiresAt;

        @Override
        void run(Identity identity, Org org) {
            IssuedKey issued = identity.keys().create(org.id(), user, name, Optional.ofNullable(expiresAt)
                    .map(KeyCommands::instant), Optional.empty());
            print(AdminViews.issued(issued, clock), out -> {
                out.printf("Created key %s (%s) for user %s of org %s%n", issued.key().keyUuid(), issued.key().name(),
                        user, org.slug());
                out.println("Key (shown only now; send it as X-API-Key or TASKER_API_KEY):");
                out.println(issued.secret());
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the org's keys (never the secrets).")
    static final class ListKeys extends AdminAction {
        @Option(names = "--user", paramLabel = "EXTERNAL_ID", description = "Only this user's keys.")
        String user;

        @Override
        void run(Identity identity, Org org) {
            printList(identity.keys().list(org.id(), Optional.ofNullable(user)), key -> AdminViews.key(key, clock),
                    new Table("KEY_UUID", "USER", "NAME", "PREFIX", "STATUS", "LAST_USED_AT", "EXPIRES_AT"),
                    (table, key) -> table.row(key.keyUuid(), key.userExternalId(), key.name(), key.prefix(),
                            key.status(clock.instant()).name().toLowerCase(java.util.Locale.ROOT),
                            key.lastUsedAt().map(Object::toString).orElse("-"),
                            key.expiresAt().map(Object::toString).orElse("-")));
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a key: servers refuse it within 5 seconds.")
    static final class Revoke extends AdminAction {
        @Parameters(index = "0", paramLabel = "KEY_UUID", description = "The key (see 'tasker admin key list').")
        UUID keyUuid;

        @Override
        void run(Identity identity, Org org) {
            ApiKey key = identity.keys().revoke(org.id(), keyUuid, Optional.empty());
            print(AdminViews.key(key, clock), out -> out.printf("Revoked key %s (%s) of user %s%n", key.keyUuid(),
                    key.name(), key.userExternalId()));
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("--expires-at: expected an instant such as 2030-01-01T00:00:00Z, got '"
                    + text + "'");
        }
    }
}

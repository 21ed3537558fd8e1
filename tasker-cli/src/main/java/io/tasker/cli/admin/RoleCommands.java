package io.tasker.cli.admin;

import io.tasker.cli.client.Table;
import io.tasker.identity.BuiltInRole;
import io.tasker.identity.Identity;
import io.tasker.identity.Org;
import io.tasker.identity.OrgRole;
import io.tasker.identity.Roles;
import io.tasker.json.Json;
import io.tasker.server.api.AdminViews;
import io.tasker.server.auth.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;

/** {@code tasker admin role create|grant|revoke|list}. */
@Command(name = "role", mixinStandardHelpOptions = true,
        description = "Custom roles: create them, grant or revoke permissions and members, list every role.",
        subcommands = {RoleCommands.Create.class, RoleCommands.Grant.class, RoleCommands.Revoke.class,
                RoleCommands.ListRoles.class})
final class RoleCommands extends AdminCommand.Group {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a custom role of the org.")
    static final class Create extends AdminAction {
        @Parameters(index = "0", paramLabel = "SLUG", description = "The role's short name (not a built-in one).")
        String slug;
        @Option(names = "--name", paramLabel = "NAME", description = "Display name (default: the slug).")
        String name;
        @Option(names = {"-p", "--permission"}, paramLabel = "CODE", split = ",",
                description = "A permission the role grants, e.g. tasks:read (repeat or comma-separate).")
        List<String> permissions = new ArrayList<>();

        @Override
        void run(Identity identity, Org org) {
            OrgRole role = identity.roles().create(org.id(), slug, name == null ? slug : name, permissions,
                    Optional.empty());
            print(AdminViews.role(role, List.of()), out -> out.printf("Created role %s in org %s: %s%n", role.slug(),
                    org.slug(), role.permissions().isEmpty() ? "no permissions" : String.join(", ",
                            role.permissions())));
        }
    }

    /** Grant and revoke: permissions of the role, and/or members. */
    abstract static class Change extends AdminAction {
        @Parameters(index = "0", paramLabel = "SLUG", description = "The custom role.")
        String slug;
        @Option(names = {"-p", "--permission"}, paramLabel = "CODE", split = ",",
                description = "A permission (repeat or comma-separate).")
        List<String> permissions = new ArrayList<>();
        @Option(names = {"-u", "--user"}, paramLabel = "EXTERNAL_ID", split = ",",
                description = "A user of the org (repeat or comma-separate).")
        List<String> users = new ArrayList<>();

        abstract boolean grant();

        @Override
        void run(Identity identity, Org org) {
            if (permissions.isEmpty() && users.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "name --permission and/or --user");
            }
            Roles roles = identity.roles();
            if (!permissions.isEmpty()) {
                if (grant()) {
                    roles.grantPermissions(org.id(), slug, permissions, Optional.empty());
                } else {
                    roles.revokePermissions(org.id(), slug, permissions, Optional.empty());
                }
            }
            for (String user : users) {
                if (grant()) {
                    roles.addMember(org.id(), slug, user, Optional.empty());
                } else {
                    roles.removeMember(org.id(), slug, user, Optional.empty());
                }
            }
            OrgRole role = roles.get(org.id(), slug);
            List<String> members = roles.members(org.id(), slug);
            print(AdminViews.role(role, members), out -> out.printf("Role %s of org %s: permissions %s; members %s%n",
                    slug, org.slug(), text(role.permissions()), text(members)));
        }
    }

    @Command(name = "grant", mixinStandardHelpOptions = true,
            description = "Add permissions to a custom role and/or give it to users.")
    static final class Grant extends Change {
        @Override
        boolean grant() {
            return true;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Remove permissions from a custom role and/or take it from users.")
    static final class Revoke extends Change {
        @Override
        boolean grant() {
            return false;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the built-in roles and the org's custom roles, with their permissions.")
    static final class ListRoles extends AdminAction {
        @Override
        void run(Identity identity, Org org) {
            ArrayNode json = Json.MAPPER.createArrayNode();
            Table table = new Table("ROLE", "KIND", "PERMISSIONS", "MEMBERS");
            for (BuiltInRole role : BuiltInRole.values()) {
                json.add(AdminViews.builtInRole(role));
                table.row(role.slug(), "built-in", Permission.grantedBy(role).stream().map(Permission::code).sorted()
                        .collect(Collectors.joining(", ")), "-");
            }
            for (OrgRole role : identity.roles().list(org.id())) {
                List<String> members = identity.roles().members(org.id(), role.slug());
                json.add(AdminViews.role(role, members));
                table.row(role.slug(), "custom", text(role.permissions()), text(members));
            }
            print(json, table::print);
        }
    }

    private static String text(java.util.Collection<String> items) {
        return items.isEmpty() ? "-" : String.join(", ", items);
    }
}

package io.tasker.cli.client;

import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/** {@code tasker whoami}: who the server takes the caller for. */
@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Show the user, org, roles and permissions the server sees for your credentials.")
public final class WhoamiCommand extends ClientCommand {

    @Override
    int execute(TaskerClient api) {
        JsonNode me = api.get("/v1/whoami");
        return print(me, out -> new Fields()
                .add("User", me.path("user").path("external_id").asString() + " (" + me.path("user").path("id")
                        .asString() + ")")
                .add("Org", me.path("org").path("slug").asString())
                .add("Roles", JsonText.cell(me.path("roles")))
                .add("Permissions", JsonText.cell(me.path("permissions")))
                .add("Authenticated by", me.path("authenticated_by").asString())
                .print(out));
    }
}

package io.tasker.server.config;

import io.tasker.server.Role;
import io.tasker.server.ServerSettings;
import io.tasker.server.handlers.HttpTargets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads what a process serves and runs: {@link ServerSettings.Listen}, {@link ServerSettings.Process} and
 * {@link ServerSettings.Content}. */
final class ProcessReader {

    private ProcessReader() {
    }

    static ServerSettings.Listen listen(SettingValues values) {
        return new ServerSettings.Listen(values.text("server.bind").orElse(ServerSettings.DEFAULT_BIND),
                values.integer("server.port"), values.integer("server.max_request_bytes"));
    }

    static ServerSettings.Process process(SettingValues values) {
        return new ServerSettings.Process(roles(values), values.list("worker.namespaces"));
    }

    static ServerSettings.Content content(SettingValues values) {
        return new ServerSettings.Content(
                Optional.of(Path.of(values.text("templates.dir").orElse(ServerSettings.DEFAULT_TEMPLATES.toString()))),
                values.has("templates.dir"), List.of(), values.text("worker.handlers_dir").map(Path::of),
                Map.of(), values.attempt("handlers.http.allowed_hosts",
                        () -> new HttpTargets(values.list("handlers.http.allowed_hosts"))));
    }

    private static Set<Role> roles(SettingValues values) {
        List<String> codes = values.list("server.roles");
        if (codes.isEmpty()) {
            return EnumSet.allOf(Role.class);
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String code : codes) {
            roles.add(values.attempt("server.roles", () -> Role.fromCode(code)));
        }
        return roles;
    }
}

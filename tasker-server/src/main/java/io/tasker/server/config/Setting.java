package io.tasker.server.config;

import java.util.Optional;

/**
 * One setting of the server.
 *
 * @param key          dotted YAML key, e.g. {@code server.port}
 * @param environment  environment variable, e.g. {@code TASKER_PORT}
 * @param flag         command-line flag of {@code tasker server}, if it has one
 * @param defaultValue the default as written in the docs ("" = none)
 * @param description  what it does
 */
public record Setting(String key, String environment, Optional<String> flag, String defaultValue, String description) {

    static Setting of(String key, String environment, String flag, String defaultValue, String description) {
        return new Setting(key, environment, Optional.ofNullable(flag), defaultValue, description);
    }
}

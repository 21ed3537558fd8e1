package io.tasker.server.config;

import io.tasker.settings.CountSetting;
import io.tasker.settings.DurationSetting;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * One setting of the server.
 *
 * @param key          dotted YAML key, e.g. {@code server.port}
 * @param environment  environment variable, e.g. {@code TASKER_PORT}
 * @param flag         command-line flag of {@code tasker server}, if it has one
 * @param defaultValue the default as written in the docs ("" = none)
 * @param description  what it does
 * @param range        for a number: the whole numbers allowed, in the unit the key is written in
 */
public record Setting(String key, String environment, Optional<String> flag, String defaultValue, String description,
                      Optional<Range> range) {

    /** Allowed whole numbers of a numeric setting; {@code unit} for a duration written as a number of them. */
    public record Range(long min, long max, Optional<ChronoUnit> unit) {
    }

    static Setting of(String key, String environment, String flag, String defaultValue, String description) {
        return new Setting(key, environment, Optional.ofNullable(flag), defaultValue, description, Optional.empty());
    }

    /** A whole number whose default and range are {@code setting}'s (declared once, in the engine or here). */
    static Setting count(String key, String environment, String flag, CountSetting setting, String description) {
        return new Setting(key, environment, Optional.ofNullable(flag), String.valueOf(setting.defaultValue()),
                description, Optional.of(new Range(setting.min(), setting.max(), Optional.empty())));
    }

    /** A duration written as a whole number of {@code unit}s; its default and range are {@code setting}'s. */
    static Setting duration(String key, String environment, String flag, DurationSetting setting, ChronoUnit unit,
                            String description) {
        return new Setting(key, environment, Optional.ofNullable(flag), String.valueOf(setting.defaultIn(unit)),
                description, Optional.of(new Range(setting.minIn(unit), setting.maxIn(unit), Optional.of(unit))));
    }
}

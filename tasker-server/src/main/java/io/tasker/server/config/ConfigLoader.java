package io.tasker.server.config;

import io.tasker.InvalidInputException;
import io.tasker.db.DatabaseTarget;
import io.tasker.json.Json;
import io.tasker.json.JsonFormatException;
import io.tasker.json.Yaml;
import io.tasker.server.ServerSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Resolves the server's settings: defaults, then the YAML file ({@code --config}, or {@code tasker.yaml} in the
 * working directory if present), then environment variables, then flags; later sources win. An unknown key in the
 * file or a value that does not parse stops start-up with a message naming the key and where it came from.
 */
public final class ConfigLoader {

    /** The file read when no {@code --config} is given, if it exists. */
    public static final Path DEFAULT_FILE = Path.of("tasker.yaml");

    /** What the loader produced. */
    public record Loaded(ServerSettings settings, String logLevel, Optional<Path> file) {
    }

    private final SettingValues values = new SettingValues();

    private ConfigLoader() {
    }

    /**
     * @param file  an explicit config file (must exist), or empty to use {@link #DEFAULT_FILE} when present
     * @param env   the environment
     * @param flags setting key to flag value, for the flags that were given
     */
    public static Loaded load(Optional<Path> file, Map<String, String> env, Map<String, String> flags) {
        ConfigLoader loader = new ConfigLoader();
        Optional<Path> used = file.or(() -> Files.isRegularFile(DEFAULT_FILE) ? Optional.of(DEFAULT_FILE)
                : Optional.empty());
        used.ifPresent(path -> loader.readFile(path, file.isPresent()));
        for (Setting setting : SettingsCatalog.ALL) {
            String text = env.get(setting.environment());
            if (text != null && !text.isEmpty()) {
                loader.values.put(setting.key(), text, "environment variable " + setting.environment());
            }
        }
        flags.forEach((key, text) -> {
            Setting setting = SettingsCatalog.byKey(key).orElseThrow(() ->
                    new IllegalArgumentException("no setting " + key));
            loader.values.put(key, text, "flag " + setting.flag().orElse(key));
        });
        return new Loaded(loader.build(), loader.logLevel(), used);
    }

    private void readFile(Path path, boolean explicit) {
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException("config file " + path + " does not exist");
        }
        JsonNode root;
        try {
            root = Yaml.parse(Files.readString(path, StandardCharsets.UTF_8)); // a key given twice is refused
        } catch (JsonFormatException e) {
            throw new InvalidInputException("config file " + path + " is " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read config file " + path + ": " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new InvalidInputException("config file " + path + " must be a YAML mapping of settings");
        }
        flatten("", root, path);
    }

    private void flatten(String prefix, JsonNode node, Path path) {
        node.properties().forEach(entry -> {
            String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            JsonNode value = entry.getValue();
            Optional<Setting> setting = SettingsCatalog.byKey(key);
            if (setting.isEmpty() && value.isObject()) {
                flatten(key, value, path);
            } else if (setting.isEmpty()) {
                throw new InvalidInputException("unknown setting '" + key + "' in " + path
                        + " (see docs/configuration.md for the settings)");
            } else if (value.isNull()) {
                values.remove(key);
            } else if (value.isArray()) {
                values.put(key, key.equals("auth.api_keys") ? Json.write(value)
                        : String.join(",", strings((ArrayNode) value, key, path)), path.toString());
            } else if (value.isObject()) {
                throw new InvalidInputException(key + " in " + path + " must be a single value, not a mapping");
            } else {
                values.put(key, value.asString(), path.toString());
            }
        });
    }

    private static List<String> strings(ArrayNode array, String key, Path path) {
        List<String> items = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isValueNode()) {
                throw new InvalidInputException(key + " in " + path + " must be a list of plain values");
            }
            items.add(item.asString());
        }
        return items;
    }

    /** One reader per settings record; each refuses what does not parse, naming the key and its source. */
    private ServerSettings build() {
        DatabaseTarget target = StorageReader.target(values);
        return new ServerSettings(StorageReader.storage(values, target), ProcessReader.listen(values),
                ProcessReader.process(values), ProcessReader.content(values), EngineReader.engine(values),
                OperationsReader.operations(values), AuthReader.auth(values), StorageReader.data(values, target));
    }

    private String logLevel() {
        String level = values.text("logging.level").orElse("INFO").toUpperCase(Locale.ROOT);
        if (!Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE").contains(level)) {
            throw values.invalid("logging.level", "must be ERROR, WARN, INFO, DEBUG or TRACE");
        }
        return level;
    }
}

package io.tasker.server.config;

import io.tasker.InvalidInputException;
import io.tasker.TaskerException;
import io.tasker.data.DataSettings;
import io.tasker.data.openlineage.OpenLineageSettings;
import io.tasker.db.DatabaseSettings;
import io.tasker.db.DatabaseTarget;
import io.tasker.engine.DynamicLimits;
import io.tasker.json.Json;
import io.tasker.json.JsonFormatException;
import io.tasker.json.Yaml;
import io.tasker.scheduler.Retention;
import io.tasker.scheduler.StalenessDetector;
import io.tasker.server.OperationsSettings;
import io.tasker.server.delivery.DeliverySettings;
import io.tasker.server.Role;
import io.tasker.server.ServerSettings;
import io.tasker.server.auth.AuthSettings;
import io.tasker.server.auth.Grants;
import io.tasker.server.auth.JwtVerifier;
import io.tasker.server.auth.Permission;
import io.tasker.server.handlers.HttpTargets;
import io.tasker.settings.EngineSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
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

    private record Value(String text, String source) {
    }

    private final Map<String, Value> values = new LinkedHashMap<>();

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
                loader.values.put(setting.key(), new Value(text, "environment variable " + setting.environment()));
            }
        }
        flags.forEach((key, text) -> {
            Setting setting = SettingsCatalog.byKey(key).orElseThrow(() ->
                    new IllegalArgumentException("no setting " + key));
            loader.values.put(key, new Value(text, "flag " + setting.flag().orElse(key)));
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
                values.put(key, new Value(key.equals("auth.api_keys") ? Json.write(value)
                        : String.join(",", strings((ArrayNode) value, key, path)), path.toString()));
            } else if (value.isObject()) {
                throw new InvalidInputException(key + " in " + path + " must be a single value, not a mapping");
            } else {
                values.put(key, new Value(value.asString(), path.toString()));
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

    private ServerSettings build() {
        boolean unsafe = bool("database.embedded_unsafe_no_durability", false);
        if (unsafe && text("database.url").isPresent()) {
            throw invalid("database.embedded_unsafe_no_durability", "applies to the embedded database only, and "
                    + "database.url is set");
        }
        DatabaseTarget target = text("database.url").<DatabaseTarget>map(url -> attempt("database.url",
                () -> DatabaseTarget.external(url))).orElseGet(() -> new DatabaseTarget.Embedded(
                        Path.of(text("database.data_dir").orElse(".tasker/pgdata")),
                        integer("database.embedded_port"), unsafe));
        DatabaseSettings database = new DatabaseSettings(target, integer("database.pool_size"));
        return new ServerSettings(new ServerSettings.Storage(database, Optional.empty()),
                new ServerSettings.Listen(text("server.bind").orElse(ServerSettings.DEFAULT_BIND),
                        integer("server.port"), integer("server.max_request_bytes")),
                new ServerSettings.Process(roles(), list("worker.namespaces")),
                new ServerSettings.Content(
                        Optional.of(Path.of(text("templates.dir").orElse(ServerSettings.DEFAULT_TEMPLATES.toString()))),
                        values.containsKey("templates.dir"), List.of(), text("worker.handlers_dir").map(Path::of),
                        Map.of(), attempt("handlers.http.allowed_hosts",
                                () -> new HttpTargets(list("handlers.http.allowed_hosts")))),
                new ServerSettings.Engine(text("engine.environment").orElse(EngineSettings.ENVIRONMENT),
                        integer("worker.concurrency"), integer("worker.claim_batch"),
                        duration("worker.poll_interval_ms"), duration("worker.lease_seconds"),
                        duration("scheduler.interval_ms"), duration("server.shutdown_grace_seconds"),
                        integer("engine.max_context_bytes"), integer("engine.max_result_bytes"),
                        integer("engine.checkpoint_history"),
                        new DynamicLimits(integer("engine.max_decision_steps"), integer("engine.max_decision_depth"),
                                integer("engine.max_batch_workers")),
                        bool("worker.eager_dispatch", EngineSettings.EAGER_DISPATCH)),
                operations(), auth(), data(target));
    }

    /** Datasets and input files live beside the embedded database's directory unless configured. */
    private DataSettings data(DatabaseTarget target) {
        Path home = target instanceof DatabaseTarget.Embedded embedded && embedded.dataDirectory().getParent() != null
                ? embedded.dataDirectory().getParent() : ServerSettings.DEFAULT_DATA_HOME;
        DataSettings defaults = DataSettings.under(home);
        return new DataSettings(text("data.storage_root").map(Path::of).orElse(defaults.storageRoot()),
                text("data.input_root").map(Path::of).orElse(defaults.inputRoot()),
                integer("data.query_max_rows"), duration("data.query_timeout_seconds"),
                OpenLineageSettings.parse(text("data.openlineage_url").orElse(""),
                        text("data.openlineage_namespace").orElse("")));
    }

    private OperationsSettings operations() {
        StalenessDetector.Settings staleness = StalenessDetector.Settings.DEFAULTS;
        Retention.Settings retention = Retention.Settings.DEFAULTS;
        return new OperationsSettings(
                new StalenessDetector.Settings(bool("dlq.staleness_enabled", staleness.enabled()),
                        duration("dlq.staleness_interval_seconds"), bool("dlq.staleness_dry_run", staleness.dryRun()),
                        integer("dlq.staleness_batch_size")),
                new Retention.Settings(bool("retention.enabled", retention.enabled()), duration("retention.days"),
                        bool("retention.archive", retention.archive()), integer("retention.batch_size"),
                        duration("retention.interval_minutes")),
                new DeliverySettings(text("delivery.secret"), integer("delivery.max_attempts"),
                        attempt("events.subscribers", () -> DeliverySettings.parseSubscribers(
                                text("events.subscribers").orElse("")))));
    }

    private String logLevel() {
        String level = text("logging.level").orElse("INFO").toUpperCase(Locale.ROOT);
        if (!Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE").contains(level)) {
            throw invalid("logging.level", "must be ERROR, WARN, INFO, DEBUG or TRACE");
        }
        return level;
    }

    private Set<Role> roles() {
        List<String> codes = list("server.roles");
        if (codes.isEmpty()) {
            return EnumSet.allOf(Role.class);
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String code : codes) {
            roles.add(attempt("server.roles", () -> Role.fromCode(code)));
        }
        return roles;
    }

    private AuthSettings auth() {
        List<AuthSettings.ApiKey> keys = text("auth.api_keys").map(this::apiKeys).orElse(List.of());
        Optional<AuthSettings.JwtSettings> jwt = text("auth.jwt.algorithm").map(algorithm -> {
            String upper = algorithm.toUpperCase(Locale.ROOT);
            if (!upper.equals("HS256") && !upper.equals("RS256")) {
                throw invalid("auth.jwt.algorithm", "must be HS256 or RS256");
            }
            return new AuthSettings.JwtSettings(upper, text("auth.jwt.secret"), text("auth.jwt.public_key_pem"),
                    text("auth.jwt.issuer"), text("auth.jwt.audience"),
                    text("auth.jwt.permissions_claim").orElse("permissions"),
                    text("auth.jwt.org_claim").orElse(AuthSettings.DEFAULT_ORG_CLAIM));
        });
        jwt.ifPresent(j -> attempt("auth.jwt", () -> new JwtVerifier(j, java.time.Clock.systemUTC())));
        return new AuthSettings(keys, jwt, bool("auth.required", false), duration("auth.key_cache_seconds"),
                duration("auth.session_minutes"));
    }

    private List<AuthSettings.ApiKey> apiKeys(String text) {
        List<AuthSettings.ApiKey> keys = new ArrayList<>();
        if (text.strip().startsWith("[")) {
            for (JsonNode entry : Json.parse(text)) {
                if (!entry.isObject() || !entry.path("name").isString() || !entry.path("key").isString()
                        || !entry.path("permissions").isArray()) {
                    throw invalid("auth.api_keys", "each key needs name, key and a list of permissions");
                }
                List<String> codes = new ArrayList<>();
                entry.path("permissions").forEach(p -> codes.add(p.asString()));
                keys.add(apiKey(entry.path("name").asString(), entry.path("key").asString(), codes));
            }
        } else {
            for (String item : text.split(";")) {
                String[] nameAndRest = item.strip().split("=", 2);
                String[] keyAndPermissions = nameAndRest.length == 2 ? nameAndRest[1].split(":", 2) : new String[0];
                if (keyAndPermissions.length != 2) {
                    throw invalid("auth.api_keys", "expected name=key:permission,permission;...");
                }
                keys.add(apiKey(nameAndRest[0].strip(), keyAndPermissions[0].strip(),
                        Arrays.asList(keyAndPermissions[1].split(","))));
            }
        }
        AuthSettings.ApiKey.conflict(keys).ifPresent(problem -> {
            throw invalid("auth.api_keys", problem);
        });
        return keys;
    }

    private AuthSettings.ApiKey apiKey(String name, String key, List<String> codes) {
        if (name.isBlank() || key.length() < 8) {
            throw invalid("auth.api_keys", "each key needs a name and a key of at least 8 characters");
        }
        for (String code : codes) {
            String trimmed = code.strip();
            if (!trimmed.equals("*") && Permission.fromCode(trimmed).isEmpty()) {
                throw invalid("auth.api_keys", "unknown permission '" + trimmed + "' for key " + name);
            }
        }
        return new AuthSettings.ApiKey(name, key, Grants.parse(codes.stream().map(String::strip)
                .toList()));
    }

    private Optional<String> text(String key) {
        Value value = values.get(key);
        return value == null || value.text().isBlank() ? Optional.empty() : Optional.of(value.text().strip());
    }

    private List<String> list(String key) {
        return text(key).map(t -> Arrays.stream(t.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    private boolean bool(String key, boolean fallback) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return fallback;
        }
        return switch (text.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(key, "'" + text.get() + "' is not true or false");
        };
    }

    /** A whole number, checked against the range its catalog entry declares (the engine's, or the server's). */
    private int integer(String key) {
        Setting setting = SettingsCatalog.get(key);
        Setting.Range range = setting.range().orElseThrow(() -> new IllegalStateException(key + " is not a number"));
        String text = text(key).orElse(setting.defaultValue());
        try {
            long number = Long.parseLong(text);
            if (number < range.min() || number > range.max()) {
                throw invalid(key, "must be between " + range.min() + " and " + range.max());
            }
            return Math.toIntExact(number);
        } catch (NumberFormatException e) {
            throw invalid(key, "'" + text + "' is not a whole number");
        }
    }

    /** A duration written as a whole number of its catalog entry's unit (e.g. worker.lease_seconds). */
    private Duration duration(String key) {
        return Duration.of(integer(key), SettingsCatalog.get(key).range().flatMap(Setting.Range::unit)
                .orElseThrow(() -> new IllegalStateException(key + " is not a duration")));
    }

    private <T> T attempt(String key, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (TaskerException e) {
            throw invalid(key, e.getMessage());
        }
    }

    private InvalidInputException invalid(String key, String problem) {
        Value value = values.get(key);
        String source = value == null ? "" : " (from " + value.source() + ")";
        return new InvalidInputException("invalid value for " + key + source + ": " + problem);
    }
}

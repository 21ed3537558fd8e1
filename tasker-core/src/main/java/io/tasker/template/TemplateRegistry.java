package io.tasker.template;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tasker.InvalidInputException;
import io.tasker.TaskerException;
import io.tasker.json.Json;
import io.tasker.store.jdbc.Jdbc;
import io.tasker.store.jdbc.Tx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Registers templates (validated first) and finds them again, caching what it has read. Versions coexist;
 * registering identical content again is a no-op, different content under an existing version is rejected. The
 * cache is bounded by the number of steps it holds ({@link #CACHE_STEPS}; about 0.4 KB each), least recently used
 * first out: however many versions are registered, memory stays bounded, and an evicted version is read again.
 */
public final class TemplateRegistry {

    private static final Logger log = LoggerFactory.getLogger(TemplateRegistry.class);

    private final Jdbc jdbc;
    private final TemplateStore store = new TemplateStore();
    private final Predicate<String> handlerExists;
    private final String environment;
    private final Clock clock;
    /** Steps (plus one per version) the cache holds at most. */
    public static final int CACHE_STEPS = 50_000;
    private static final int CACHE_KEYS = 10_000;

    private final Cache<UUID, RegisteredTemplate> byUuid;
    private final Cache<TemplateKey, UUID> uuidsByKey;

    /**
     * @param handlerExists whether a step's {@code handler.callable} can run here
     * @param environment   name of the environment whose {@code environments} overrides apply
     */
    public TemplateRegistry(Jdbc jdbc, Predicate<String> handlerExists, String environment, Clock clock) {
        this(jdbc, handlerExists, environment, clock, CACHE_STEPS);
    }

    /** With a cache of {@code cacheSteps} steps; evicts in the calling thread, so that tests see it at once. */
    TemplateRegistry(Jdbc jdbc, Predicate<String> handlerExists, String environment, Clock clock, int cacheSteps) {
        this.jdbc = jdbc;
        this.handlerExists = handlerExists;
        this.environment = environment;
        this.clock = clock;
        this.byUuid = Caffeine.newBuilder().executor(Runnable::run).maximumWeight(cacheSteps)
                .weigher((UUID uuid, RegisteredTemplate template) -> 1 + template.template().steps().size())
                .build();
        this.uuidsByKey = Caffeine.newBuilder().executor(Runnable::run).maximumSize(CACHE_KEYS).build();
    }

    /** Validates without storing anything. */
    public void validate(TaskTemplate template) {
        TemplateValidator.validate(template, handlerExists);
    }

    public RegisteredTemplate registerYaml(String yaml) {
        return register(TemplateParser.parseYaml(yaml));
    }

    /** A registration's outcome: the stored template, and whether this call stored it (false: identical existed). */
    public record Registration(RegisteredTemplate template, boolean created) {
    }

    public RegisteredTemplate register(TaskTemplate template) {
        return registerReporting(template).template();
    }

    /** Like {@link #register} but tells whether the template was new. */
    public Registration registerReporting(TaskTemplate template) {
        validate(template);
        ObjectNode configuration = TemplateJson.toJson(template);
        TemplateStore.Insertion insertion = jdbc.inTransaction(tx ->
                store.insert(tx, template, configuration, clock.instant()));
        if (!insertion.created()
                && !Json.canonical(insertion.stored().configuration()).equals(Json.canonical(configuration))) {
            throw new TemplateConflictException(template.key());
        }
        if (insertion.created()) {
            log.info("Registered template {} ({} steps)", template.key(), template.steps().size());
        }
        return new Registration(remember(insertion.stored()), insertion.created());
    }

    /** Registers every {@code *.yaml}, {@code *.yml} and {@code *.json} file of a directory, in name order. */
    public List<RegisteredTemplate> registerDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException("template directory " + directory + " does not exist");
        }
        List<RegisteredTemplate> registered = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(TemplateRegistry::isTemplateFile).sorted().toList()) {
                try {
                    registered.add(registerYaml(Files.readString(file, StandardCharsets.UTF_8)));
                } catch (TaskerException e) {
                    throw new InvalidInputException(file.getFileName() + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read template directory " + directory + ": " + e.getMessage(), e);
        }
        return registered;
    }

    public RegisteredTemplate get(TemplateKey key) {
        UUID uuid = uuidsByKey.getIfPresent(key);
        RegisteredTemplate known = uuid == null ? null : byUuid.getIfPresent(uuid);
        if (known != null) {
            return known;
        }
        return jdbc.withConnection(tx -> store.find(tx, key)).map(this::remember)
                .orElseThrow(() -> new TemplateNotFoundException("template " + key + " is not registered"));
    }

    public RegisteredTemplate get(UUID namedTaskUuid) {
        RegisteredTemplate known = byUuid.getIfPresent(namedTaskUuid);
        if (known != null) {
            return known;
        }
        return jdbc.withConnection(tx -> store.find(tx, namedTaskUuid)).map(this::remember)
                .orElseThrow(() -> new TemplateNotFoundException("no template with id " + namedTaskUuid));
    }

    /** The given version, or the highest registered version when none is given. */
    public RegisteredTemplate resolve(String namespace, String name, Optional<String> version) {
        if (version.isPresent()) {
            return get(new TemplateKey(namespace, name, version.get()));
        }
        List<String> versions = jdbc.withConnection(tx -> store.versions(tx, namespace, name));
        return versions.stream().max(VersionOrder.INSTANCE)
                .map(v -> get(new TemplateKey(namespace, name, v)))
                .orElseThrow(() -> new TemplateNotFoundException("template " + namespace + "/" + name
                        + " is not registered"));
    }

    /**
     * The retry policy of a template's step, for scheduling the next attempt after a failure. A step the template
     * does not declare (it cannot happen for steps the engine created) gets the default policy, with a warning.
     * A database error is not hidden behind the default: it reaches the caller, whose recording then fails and is
     * retried, instead of a retry being scheduled with a backoff the template never asked for.
     *
     * @throws TemplateNotFoundException when no template has that id
     */
    public RetryPolicy retryPolicy(UUID namedTaskUuid, String templateStepName) {
        RegisteredTemplate template = get(namedTaskUuid);
        return template.template().step(templateStepName).map(StepTemplate::retry).orElseGet(() -> {
            log.warn("Template {} declares no step {}; using the default retry policy", template.key(),
                    templateStepName);
            return RetryPolicy.DEFAULT;
        });
    }

    /** The {@code timeout_seconds} of a template's step (environment overrides applied), if it has one. */
    public Optional<java.time.Duration> timeout(UUID namedTaskUuid, String templateStepName) {
        return get(namedTaskUuid).template().step(templateStepName).flatMap(StepTemplate::timeoutSeconds)
                .map(java.time.Duration::ofSeconds);
    }

    /** All registered versions, sorted by namespace, name and version. */
    public List<RegisteredTemplate> all() {
        return jdbc.withConnection(store::all).stream().map(stored -> get(stored.namedTaskUuid())).toList();
    }

    /** Ids of named steps for batch worker instance names, created when missing, in the caller's transaction. */
    public Map<String, UUID> ensureStepNames(Tx tx, Collection<String> names, Instant now) {
        return store.ensureStepNames(tx, names, now);
    }

    public String environment() {
        return environment;
    }

    private RegisteredTemplate remember(TemplateStore.StoredTemplate stored) {
        TaskTemplate template = TemplateParser.parse(stored.configuration()).forEnvironment(environment);
        RegisteredTemplate registered = new RegisteredTemplate(stored.namedTaskUuid(), template,
                stored.namedStepUuids(), template.inputSchema().map(InputSchema::compile));
        uuidsByKey.put(registered.key(), registered.namedTaskUuid());
        byUuid.put(registered.namedTaskUuid(), registered);
        return registered;
    }

    /** Steps (plus one per version) in the cache now. */
    long cachedSteps() {
        return byUuid.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    private static boolean isTemplateFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }
}

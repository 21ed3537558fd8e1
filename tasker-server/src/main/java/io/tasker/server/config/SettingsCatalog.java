package io.tasker.server.config;

import io.tasker.data.DataSettings;
import io.tasker.db.DatabaseSettings;
import io.tasker.scheduler.Retention;
import io.tasker.scheduler.StalenessDetector;
import io.tasker.server.ServerSettings;
import io.tasker.server.auth.AuthSettings;
import io.tasker.server.delivery.DeliverySettings;
import io.tasker.settings.CountSetting;
import io.tasker.settings.DurationSetting;
import io.tasker.settings.EngineSettings;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Every server setting, in the order the configuration docs list them. A numeric setting carries its default and
 * range: the engine's from {@link EngineSettings}, the server's own declared here; {@code ConfigLoader} checks
 * values against them and the docs print the defaults from them.
 */
public final class SettingsCatalog {

    public static final List<Setting> ALL = List.of(
            Setting.of("database.url", "TASKER_DATABASE_URL", "--database-url", "",
                    "External PostgreSQL 17+ (postgresql://user:password@host:port/db or a JDBC URL); none: embedded"),
            Setting.of("database.data_dir", "TASKER_DATA_DIR", "--data-dir", ".tasker/pgdata",
                    "Data directory of the embedded PostgreSQL"),
            Setting.count("database.embedded_port", "TASKER_EMBEDDED_PG_PORT", "--embedded-port", new CountSetting("database.embedded_port", 0, 0, 65_535),
                    "TCP port of the embedded PostgreSQL on 127.0.0.1 (0: a free port)"),
            Setting.of("database.embedded_unsafe_no_durability", "TASKER_EMBEDDED_UNSAFE_NO_DURABILITY", null, "false",
                    "UNSAFE: run the embedded PostgreSQL without fsync, synchronous_commit and full_page_writes; a "
                            + "crash can lose tasks already answered 201. Only for throw-away data (tests, benchmarks)"),
            Setting.count("database.pool_size", "TASKER_DATABASE_POOL_SIZE", "--pool-size", new CountSetting("database.pool_size", DatabaseSettings.DEFAULT_POOL_SIZE, 2, 1000),
                    "Database connections in the pool (2-1000)"),
            Setting.of("server.bind", "TASKER_BIND", "--bind", ServerSettings.DEFAULT_BIND,
                    "Address the API listens on; anything but loopback requires authentication"),
            Setting.count("server.port", "TASKER_PORT", "--port", new CountSetting("server.port", ServerSettings.DEFAULT_PORT, 0, 65_535), "Port of the API (0: a free port)"),
            Setting.of("server.roles", "TASKER_ROLES", "--roles", "api,worker,scheduler",
                    "What this process does: api, worker, scheduler (comma-separated)"),
            Setting.count("server.max_request_bytes", "TASKER_MAX_REQUEST_BYTES", null, new CountSetting("server.max_request_bytes",
                    ServerSettings.DEFAULT_MAX_REQUEST_BYTES, 1024, Integer.MAX_VALUE),
                    "Largest request body accepted (413 beyond)"),
            Setting.duration("server.shutdown_grace_seconds", "TASKER_SHUTDOWN_GRACE_SECONDS", "--shutdown-grace", EngineSettings.SHUTDOWN_GRACE, ChronoUnit.SECONDS,
                    "On SIGTERM, how long running handlers may finish before their steps are released"),
            Setting.of("worker.namespaces", "TASKER_NAMESPACES", "--namespaces", "",
                    "Namespaces whose steps this process runs (comma-separated; none: all)"),
            Setting.count("worker.concurrency", "TASKER_CONCURRENCY", "--concurrency", EngineSettings.CONCURRENCY,
                    "Handlers running at once in this process"),
            Setting.count("worker.claim_batch", "TASKER_CLAIM_BATCH", null, EngineSettings.CLAIM_BATCH, "Steps claimed per claim call"),
            Setting.duration("worker.poll_interval_ms", "TASKER_POLL_INTERVAL_MS", null, EngineSettings.POLL_INTERVAL, ChronoUnit.MILLIS,
                    "Fallback poll when no notification arrives"),
            Setting.duration("worker.lease_seconds", "TASKER_LEASE_SECONDS", null, EngineSettings.LEASE, ChronoUnit.SECONDS,
                    "How long a claim lives without renewal (renewed every third of it)"),
            Setting.of("worker.eager_dispatch", "TASKER_EAGER_DISPATCH", null, String.valueOf(EngineSettings.EAGER_DISPATCH),
                    "Claim the steps a result makes ready in that result's transaction, for this process's free "
                            + "slots (no NOTIFY and claim between steps of a task); steps with concurrency or rate "
                            + "limits always wait for an ordinary claim"),
            Setting.of("worker.handlers_dir", "TASKER_HANDLERS_DIR", "--handlers", "",
                    "Directory of jars with handler classes named in templates"),
            Setting.of("handlers.http.allowed_hosts", "TASKER_HTTP_ALLOWED_HOSTS", null, "",
                    "Hosts the built-in http handler, completion webhooks and domain events may call, redirects "
                            + "included: names, IPs or *.domain (comma-separated; none: any host, so templates:write "
                            + "must be trusted)"),
            Setting.duration("scheduler.interval_ms", "TASKER_SCHEDULER_INTERVAL_MS", null, EngineSettings.MAINTENANCE_INTERVAL, ChronoUnit.MILLIS,
                    "Longest sleep of the scheduler (expired leases); a retry wakes it when due, however long this is"),
            Setting.of("templates.dir", "TASKER_TEMPLATES_DIR", "--templates", ServerSettings.DEFAULT_TEMPLATES.toString(),
                    "Directory of template files registered on start (*.yaml, *.yml, *.json)"),
            Setting.of("engine.environment", "TASKER_ENV", "--env", EngineSettings.ENVIRONMENT,
                    "Environment whose template `environments` overrides apply"),
            Setting.count("engine.max_context_bytes", "TASKER_MAX_CONTEXT_BYTES", null, EngineSettings.MAX_CONTEXT_BYTES,
                    "Largest task context (JSON bytes); larger requests get 413"),
            Setting.count("engine.max_result_bytes", "TASKER_MAX_RESULT_BYTES", null, EngineSettings.MAX_RESULT_BYTES,
                    "Largest step result; larger results fail the step"),
            Setting.count("engine.checkpoint_history", "TASKER_CHECKPOINT_HISTORY", null, EngineSettings.CHECKPOINT_HISTORY,
                    "Earlier checkpoints kept per step"),
            Setting.count("engine.max_decision_steps", "TASKER_MAX_DECISION_STEPS", null, EngineSettings.MAX_DECISION_STEPS,
                    "Steps one decision may create (create_steps); more fails the decision step"),
            Setting.count("engine.max_decision_depth", "TASKER_MAX_DECISION_DEPTH", null, EngineSettings.MAX_DECISION_DEPTH,
                    "Decision steps nested on one path; a deeper decision fails"),
            Setting.count("engine.max_batch_workers", "TASKER_MAX_BATCH_WORKERS", null, EngineSettings.MAX_BATCH_WORKERS,
                    "Batch workers one batchable step may create; more fails the batchable step"),
            Setting.of("dlq.staleness_enabled", "TASKER_STALENESS_ENABLED", null,
                    String.valueOf(StalenessDetector.Settings.DEFAULTS.enabled()),
                    "Look for stale tasks and move them as their template's staleness_action says"),
            Setting.duration("dlq.staleness_interval_seconds", "TASKER_STALENESS_INTERVAL_SECONDS", null, EngineSettings.STALENESS_INTERVAL, ChronoUnit.SECONDS,
                    "How often the scheduler looks for stale tasks"),
            Setting.of("dlq.staleness_dry_run", "TASKER_STALENESS_DRY_RUN", null,
                    String.valueOf(StalenessDetector.Settings.DEFAULTS.dryRun()),
                    "Only log what staleness detection would do (to try thresholds out)"),
            Setting.count("dlq.staleness_batch_size", "TASKER_STALENESS_BATCH_SIZE", null, EngineSettings.STALENESS_BATCH_SIZE,
                    "Stale tasks handled per round at most"),
            Setting.of("retention.enabled", "TASKER_RETENTION_ENABLED", null,
                    String.valueOf(Retention.Settings.DEFAULTS.enabled()),
                    "Remove finished (complete, cancelled, resolved_manually) tasks after retention.days"),
            Setting.duration("retention.days", "TASKER_RETENTION_DAYS", null, EngineSettings.RETENTION_MAX_AGE, ChronoUnit.DAYS,
                    "Days a finished task is kept, counted from when it finished"),
            Setting.of("retention.archive", "TASKER_RETENTION_ARCHIVE", null,
                    String.valueOf(Retention.Settings.DEFAULTS.archive()),
                    "Copy tasks to schema tasker_archive before removing them"),
            Setting.count("retention.batch_size", "TASKER_RETENTION_BATCH_SIZE", null, EngineSettings.RETENTION_BATCH_SIZE,
                    "Tasks removed per transaction"),
            Setting.duration("retention.interval_minutes", "TASKER_RETENTION_INTERVAL_MINUTES", null, EngineSettings.RETENTION_INTERVAL, ChronoUnit.MINUTES,
                    "How often the scheduler runs a retention round"),
            Setting.of("data.storage_root", "TASKER_DATA_STORAGE_ROOT", "--storage-root", ".tasker/datasets",
                    "Where data pipelines write datasets (<dataset>/<version>/<partition>/); beside the embedded "
                            + "database's directory by default"),
            Setting.of("data.input_root", "TASKER_DATA_INPUT_ROOT", "--input-root", ".tasker/input",
                    "Where the file operator of data pipelines reads input files (nothing outside it)"),
            Setting.count("data.query_max_rows", "TASKER_DATA_QUERY_MAX_ROWS", null, DataSettings.QUERY_MAX_ROWS,
                    "Rows POST /v1/query answers at most (the answer says truncated)"),
            Setting.duration("data.query_timeout_seconds", "TASKER_DATA_QUERY_TIMEOUT_SECONDS", null,
                    DataSettings.QUERY_TIMEOUT, ChronoUnit.SECONDS,
                    "How long a POST /v1/query may run before it is cancelled"),
            Setting.of("data.openlineage_url", "TASKER_DATA_OPENLINEAGE_URL", null, "",
                    "Where data runs' OpenLineage RunEvents go (START, COMPLETE, FAIL): an http(s):// endpoint "
                            + "(e.g. Marquez's /api/v1/lineage) or file:/path of a JSON Lines file, delivered through "
                            + "the outbox at least once; none: no events"),
            Setting.of("data.openlineage_namespace", "TASKER_DATA_OPENLINEAGE_NAMESPACE", null,
                    io.tasker.data.openlineage.OpenLineageSettings.DEFAULT_NAMESPACE,
                    "OpenLineage namespace of data jobs and datasets, followed by /<org slug>"),
            Setting.of("delivery.secret", "TASKER_DELIVERY_SECRET", null, "",
                    "HMAC-SHA256 key (16+ characters) signing completion webhooks and domain events "
                            + "(X-Tasker-Signature); none: they go unsigned"),
            Setting.count("delivery.max_attempts", "TASKER_DELIVERY_MAX_ATTEMPTS", null,
                    new CountSetting("delivery.max_attempts", DeliverySettings.DEFAULT_MAX_ATTEMPTS, 1,
                            DeliverySettings.MAX_ATTEMPTS),
                    "Attempts per webhook or event delivery (pauses 5 s, 10 s, 20 s ... at most 1 h) before it is dead"),
            Setting.of("events.subscribers", "TASKER_EVENT_SUBSCRIBERS", null, "",
                    "Where domain events (publishes_events) go: `url` (all events) or `url=order.*,payment.done`, "
                            + "several separated by `;`; none: events are not written"),
            Setting.of("auth.api_keys", "TASKER_API_KEYS", null, "",
                    "Bootstrap API keys of the default org (users' keys live in the database): in YAML a list of "
                            + "{name, key, permissions}; in the environment `name=key:perm,perm;name2=key2:*`"),
            Setting.of("auth.required", "TASKER_AUTH_REQUIRED", null, "false",
                    "Require credentials even with no bootstrap key or JWT configured (database keys only); "
                            + "on by itself when either is configured"),
            Setting.duration("auth.key_cache_seconds", "TASKER_AUTH_KEY_CACHE_SECONDS", null,
                    new DurationSetting("auth.key_cache_seconds", AuthSettings.DEFAULT_KEY_CACHE_TTL, Duration.ZERO,
                            AuthSettings.MAX_KEY_CACHE_TTL), ChronoUnit.SECONDS,
                    "Seconds a database key's lookup is reused (0 to 5); a revoked key stops working within it"),
            Setting.duration("auth.session_minutes", "TASKER_AUTH_SESSION_MINUTES", null,
                    new DurationSetting("auth.session_minutes", AuthSettings.DEFAULT_SESSION_TTL,
                            AuthSettings.MIN_SESSION_TTL, AuthSettings.MAX_SESSION_TTL), ChronoUnit.MINUTES,
                    "Minutes a dashboard login (session cookie) lasts before the browser must log in again"),
            Setting.of("auth.jwt.algorithm", "TASKER_JWT_ALGORITHM", null, "",
                    "Accept bearer JWTs signed with HS256 or RS256"),
            Setting.of("auth.jwt.secret", "TASKER_JWT_SECRET", null, "", "HS256 shared secret (at least 32 bytes)"),
            Setting.of("auth.jwt.public_key_pem", "TASKER_JWT_PUBLIC_KEY_PEM", null, "",
                    "RS256 public key (PEM, BEGIN PUBLIC KEY)"),
            Setting.of("auth.jwt.issuer", "TASKER_JWT_ISSUER", null, "", "Required `iss` claim, if set"),
            Setting.of("auth.jwt.audience", "TASKER_JWT_AUDIENCE", null, "", "Required `aud` claim, if set"),
            Setting.of("auth.jwt.permissions_claim", "TASKER_JWT_PERMISSIONS_CLAIM", null, "permissions",
                    "Claim that narrows the user's permissions for this token (a list, or space-separated)"),
            Setting.of("auth.jwt.org_claim", "TASKER_JWT_ORG_CLAIM", null, "org",
                    "Claim holding the org's slug; when present it must be the org of the user named by `sub`"),
            Setting.of("logging.level", "TASKER_LOG_LEVEL", null, "INFO",
                    "Level of Tasker's log lines (ERROR, WARN, INFO, DEBUG, TRACE)"));

    private SettingsCatalog() {
    }

    /** The setting {@code key}; it must be in the catalog (the loader only asks for its own keys). */
    static Setting get(String key) {
        return byKey(key).orElseThrow(() -> new IllegalArgumentException("no setting " + key));
    }

    public static Optional<Setting> byKey(String key) {
        return ALL.stream().filter(s -> s.key().equals(key)).findFirst();
    }
}

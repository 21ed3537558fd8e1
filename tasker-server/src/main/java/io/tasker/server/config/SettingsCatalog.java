package io.tasker.server.config;

import java.util.List;
import java.util.Optional;

/** Every server setting, in the order the configuration docs list them. */
public final class SettingsCatalog {

    public static final List<Setting> ALL = List.of(
            Setting.of("database.url", "TASKER_DATABASE_URL", "--database-url", "",
                    "External PostgreSQL 17+ (postgresql://user:password@host:port/db or a JDBC URL); none: embedded"),
            Setting.of("database.data_dir", "TASKER_DATA_DIR", "--data-dir", ".tasker/pgdata",
                    "Data directory of the embedded PostgreSQL"),
            Setting.of("database.embedded_port", "TASKER_EMBEDDED_PG_PORT", "--embedded-port", "0",
                    "TCP port of the embedded PostgreSQL on 127.0.0.1 (0: a free port)"),
            Setting.of("database.embedded_unsafe_no_durability", "TASKER_EMBEDDED_UNSAFE_NO_DURABILITY", null, "false",
                    "UNSAFE: run the embedded PostgreSQL without fsync, synchronous_commit and full_page_writes; a "
                            + "crash can lose tasks already answered 201. Only for throw-away data (tests, benchmarks)"),
            Setting.of("database.pool_size", "TASKER_DATABASE_POOL_SIZE", "--pool-size", "10",
                    "Database connections in the pool (2-1000)"),
            Setting.of("server.bind", "TASKER_BIND", "--bind", "127.0.0.1",
                    "Address the API listens on; anything but loopback requires authentication"),
            Setting.of("server.port", "TASKER_PORT", "--port", "8080", "Port of the API (0: a free port)"),
            Setting.of("server.roles", "TASKER_ROLES", "--roles", "api,worker,scheduler",
                    "What this process does: api, worker, scheduler (comma-separated)"),
            Setting.of("server.max_request_bytes", "TASKER_MAX_REQUEST_BYTES", null, "2097152",
                    "Largest request body accepted (413 beyond)"),
            Setting.of("server.shutdown_grace_seconds", "TASKER_SHUTDOWN_GRACE_SECONDS", "--shutdown-grace", "30",
                    "On SIGTERM, how long running handlers may finish before their steps are released"),
            Setting.of("worker.namespaces", "TASKER_NAMESPACES", "--namespaces", "",
                    "Namespaces whose steps this process runs (comma-separated; none: all)"),
            Setting.of("worker.concurrency", "TASKER_CONCURRENCY", "--concurrency", "64",
                    "Handlers running at once in this process"),
            Setting.of("worker.claim_batch", "TASKER_CLAIM_BATCH", null, "32", "Steps claimed per claim call"),
            Setting.of("worker.poll_interval_ms", "TASKER_POLL_INTERVAL_MS", null, "1000",
                    "Fallback poll when no notification arrives"),
            Setting.of("worker.lease_seconds", "TASKER_LEASE_SECONDS", null, "30",
                    "How long a claim lives without renewal (renewed every third of it)"),
            Setting.of("worker.handlers_dir", "TASKER_HANDLERS_DIR", "--handlers", "",
                    "Directory of jars with handler classes named in templates"),
            Setting.of("handlers.http.allowed_hosts", "TASKER_HTTP_ALLOWED_HOSTS", null, "",
                    "Hosts the built-in http handler may call, redirects included: names, IPs or *.domain "
                            + "(comma-separated; none: any host, so templates:write must be trusted)"),
            Setting.of("scheduler.interval_ms", "TASKER_SCHEDULER_INTERVAL_MS", null, "1000",
                    "Longest sleep of the scheduler (due retries, expired leases)"),
            Setting.of("templates.dir", "TASKER_TEMPLATES_DIR", "--templates", "templates",
                    "Directory of template files registered on start (*.yaml, *.yml, *.json)"),
            Setting.of("engine.environment", "TASKER_ENV", "--env", "development",
                    "Environment whose template `environments` overrides apply"),
            Setting.of("engine.max_context_bytes", "TASKER_MAX_CONTEXT_BYTES", null, "1048576",
                    "Largest task context (JSON bytes); larger requests get 413"),
            Setting.of("engine.max_result_bytes", "TASKER_MAX_RESULT_BYTES", null, "1048576",
                    "Largest step result; larger results fail the step"),
            Setting.of("engine.checkpoint_history", "TASKER_CHECKPOINT_HISTORY", null, "50",
                    "Earlier checkpoints kept per step"),
            Setting.of("engine.max_decision_steps", "TASKER_MAX_DECISION_STEPS", null, "100",
                    "Steps one decision may create (create_steps); more fails the decision step"),
            Setting.of("engine.max_decision_depth", "TASKER_MAX_DECISION_DEPTH", null, "20",
                    "Decision steps nested on one path; a deeper decision fails"),
            Setting.of("engine.max_batch_workers", "TASKER_MAX_BATCH_WORKERS", null, "1000",
                    "Batch workers one batchable step may create; more fails the batchable step"),
            Setting.of("dlq.staleness_enabled", "TASKER_STALENESS_ENABLED", null, "true",
                    "Look for stale tasks and move them as their template's staleness_action says"),
            Setting.of("dlq.staleness_interval_seconds", "TASKER_STALENESS_INTERVAL_SECONDS", null, "60",
                    "How often the scheduler looks for stale tasks"),
            Setting.of("dlq.staleness_dry_run", "TASKER_STALENESS_DRY_RUN", null, "false",
                    "Only log what staleness detection would do (to try thresholds out)"),
            Setting.of("dlq.staleness_batch_size", "TASKER_STALENESS_BATCH_SIZE", null, "100",
                    "Stale tasks handled per round at most"),
            Setting.of("retention.enabled", "TASKER_RETENTION_ENABLED", null, "true",
                    "Remove finished (complete, cancelled, resolved_manually) tasks after retention.days"),
            Setting.of("retention.days", "TASKER_RETENTION_DAYS", null, "30",
                    "Days a finished task is kept, counted from when it finished"),
            Setting.of("retention.archive", "TASKER_RETENTION_ARCHIVE", null, "false",
                    "Copy tasks to schema tasker_archive before removing them"),
            Setting.of("retention.batch_size", "TASKER_RETENTION_BATCH_SIZE", null, "500",
                    "Tasks removed per transaction"),
            Setting.of("retention.interval_minutes", "TASKER_RETENTION_INTERVAL_MINUTES", null, "5",
                    "How often the scheduler runs a retention round"),
            Setting.of("auth.api_keys", "TASKER_API_KEYS", null, "",
                    "Bootstrap API keys of the default org (users' keys live in the database): in YAML a list of "
                            + "{name, key, permissions}; in the environment `name=key:perm,perm;name2=key2:*`"),
            Setting.of("auth.required", "TASKER_AUTH_REQUIRED", null, "false",
                    "Require credentials even with no bootstrap key or JWT configured (database keys only); "
                            + "on by itself when either is configured"),
            Setting.of("auth.key_cache_seconds", "TASKER_AUTH_KEY_CACHE_SECONDS", null, "2",
                    "Seconds a database key's lookup is reused (0 to 5); a revoked key stops working within it"),
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

    public static Optional<Setting> byKey(String key) {
        return ALL.stream().filter(s -> s.key().equals(key)).findFirst();
    }
}

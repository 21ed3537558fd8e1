package io.tasker.task;

import io.tasker.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A request to start a task: which template (namespace, name, optional version: the highest registered version when
 * absent), its input ({@code context}), who asks and why, and the optional priority, tags, correlation ids and
 * idempotency key, when it should start ({@code runAt}: the task is created at once, and its steps start then),
 * where to report its completion ({@code onCompleteUrl}); and, for layers that link a row of their own to the task,
 * the task's id. Build one with {@link #of(String, String)}.
 */
public record TaskRequest(
        String namespace,
        String name,
        Optional<String> version,
        JsonNode context,
        String initiator,
        String sourceSystem,
        String reason,
        List<String> tags,
        int priority,
        Optional<UUID> correlationId,
        Optional<UUID> parentCorrelationId,
        Optional<String> idempotencyKey,
        Optional<UUID> taskUuid,
        Optional<Instant> runAt,
        Optional<String> onCompleteUrl) {

    public static final String DEFAULT_INITIATOR = "system";
    public static final String DEFAULT_SOURCE_SYSTEM = "tasker";
    public static final String DEFAULT_REASON = "Task requested";

    public TaskRequest {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        context = context == null ? Json.object() : context;
        tags = List.copyOf(tags);
    }

    public static Builder of(String namespace, String name) {
        return new Builder(namespace, name);
    }

    /** Builds a {@link TaskRequest}; every field but namespace and name has a default. */
    public static final class Builder {
        private final String namespace;
        private final String name;
        private String version;
        private JsonNode context = Json.object();
        private String initiator = DEFAULT_INITIATOR;
        private String sourceSystem = DEFAULT_SOURCE_SYSTEM;
        private String reason = DEFAULT_REASON;
        private List<String> tags = List.of();
        private int priority;
        private UUID correlationId;
        private UUID parentCorrelationId;
        private String idempotencyKey;
        private UUID taskUuid;
        private Instant runAt;
        private String onCompleteUrl;

        private Builder(String namespace, String name) {
            this.namespace = namespace;
            this.name = name;
        }

        public Builder version(String value) {
            this.version = value;
            return this;
        }

        public Builder context(JsonNode value) {
            this.context = value;
            return this;
        }

        /** Context from any value Jackson can turn into a JSON object (a Map, a record, ...). */
        public Builder context(Object value) {
            this.context = value instanceof JsonNode node ? node : Json.toTree(value);
            return this;
        }

        public Builder initiator(String value) {
            this.initiator = value;
            return this;
        }

        public Builder sourceSystem(String value) {
            this.sourceSystem = value;
            return this;
        }

        public Builder reason(String value) {
            this.reason = value;
            return this;
        }

        public Builder tags(List<String> value) {
            this.tags = value;
            return this;
        }

        public Builder priority(int value) {
            this.priority = value;
            return this;
        }

        public Builder correlationId(UUID value) {
            this.correlationId = value;
            return this;
        }

        public Builder parentCorrelationId(UUID value) {
            this.parentCorrelationId = value;
            return this;
        }

        public Builder idempotencyKey(String value) {
            this.idempotencyKey = value;
            return this;
        }

        /**
         * The new task's id, when the caller must know it beforehand (a layer whose own row shares the task's id);
         * by default the engine makes one.
         */
        public Builder taskUuid(UUID value) {
            this.taskUuid = value;
            return this;
        }

        /** Starts the task's steps at {@code value} rather than at once (a past instant starts at once). */
        public Builder runAt(Instant value) {
            this.runAt = value;
            return this;
        }

        /** POSTs the task's outcome to {@code url} when it finishes (signed; see the docs on webhooks). */
        public Builder onComplete(String url) {
            this.onCompleteUrl = url;
            return this;
        }

        public TaskRequest build() {
            return new TaskRequest(namespace, name, Optional.ofNullable(version), context, initiator, sourceSystem,
                    reason, tags, priority, Optional.ofNullable(correlationId), Optional.ofNullable(parentCorrelationId),
                    Optional.ofNullable(idempotencyKey), Optional.ofNullable(taskUuid), Optional.ofNullable(runAt),
                    Optional.ofNullable(onCompleteUrl));
        }
    }
}

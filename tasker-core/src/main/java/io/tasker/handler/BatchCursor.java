package io.tasker.handler;

import io.tasker.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The share of a batch one batch worker processes: items from {@code startCursor} (inclusive) to {@code endCursor}
 * (exclusive), {@code batchSize} of them. A batchable handler returns one per worker
 * ({@link StepResult#createBatches}); each worker finds its own in {@link StepContext#batchCursor()}.
 *
 * @param batchId     names the worker: the step {@code <worker_template>_<batchId>}; letters, digits, {@code _}
 * @param startCursor any JSON; a number for row ranges
 * @param endCursor   any JSON; a number for row ranges
 */
public record BatchCursor(String batchId, JsonNode startCursor, JsonNode endCursor, int batchSize) {

    public BatchCursor {
        Objects.requireNonNull(batchId, "batchId");
        startCursor = Objects.requireNonNullElse(startCursor, LongNode.valueOf(0));
        endCursor = Objects.requireNonNullElse(endCursor, LongNode.valueOf(0));
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize must not be negative");
        }
    }

    /**
     * Splits items {@code 0..total-1} into consecutive ranges of {@code batchSize}, with ids {@code 001},
     * {@code 002}, ...
     */
    public static List<BatchCursor> split(long total, int batchSize) {
        if (total < 0 || batchSize < 1) {
            throw new IllegalArgumentException("total must be >= 0 and batchSize >= 1");
        }
        List<BatchCursor> cursors = new ArrayList<>();
        for (long start = 0; start < total; start += batchSize) {
            long end = Math.min(total, start + batchSize);
            cursors.add(new BatchCursor(String.format("%03d", cursors.size() + 1), LongNode.valueOf(start),
                    LongNode.valueOf(end), (int) (end - start)));
        }
        return cursors;
    }

    /** The start as a number (for row ranges). */
    public long start() {
        return startCursor.asLong();
    }

    /** The end as a number (for row ranges). */
    public long end() {
        return endCursor.asLong();
    }

    /** As it appears in outcomes and step inputs: {@code {batch_id, start_cursor, end_cursor, batch_size}}. */
    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("batch_id", batchId);
        json.set("start_cursor", startCursor);
        json.set("end_cursor", endCursor);
        json.put("batch_size", batchSize);
        return json;
    }

    /** Reads {@link #toJson()}'s form; empty when {@code json} is not an object with a text {@code batch_id}. */
    public static Optional<BatchCursor> fromJson(JsonNode json) {
        if (json == null || !json.isObject() || !json.path("batch_id").isString()) {
            return Optional.empty();
        }
        return Optional.of(new BatchCursor(json.path("batch_id").asString(), json.get("start_cursor"),
                json.get("end_cursor"), Math.max(0, json.path("batch_size").asInt(0))));
    }
}

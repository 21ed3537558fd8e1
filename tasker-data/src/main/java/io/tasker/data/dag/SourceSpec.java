package io.tasker.data.dag;

import io.tasker.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** Where a source job's runs come from. */
public sealed interface SourceSpec {

    ObjectNode toJson();

    /** A run at every tick of a cron schedule (UTC unless {@code timezone}), for the partition holding the tick. */
    record Cron(String schedule, String timezone) implements SourceSpec {
        @Override
        public ObjectNode toJson() {
            return Json.object().put("kind", "cron").put("schedule", schedule).put("timezone", timezone);
        }
    }

    /** Runs only when asked for (manual runs and backfills). */
    record Manual() implements SourceSpec {
        @Override
        public ObjectNode toJson() {
            return Json.object().put("kind", "manual");
        }
    }
}

package io.tasker.cli.client;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/analytics/performance} as text: the window's throughput and rates, then the state now. */
final class PerformancePrinter {

    private PerformancePrinter() {
    }

    static void print(PrintWriter out, JsonNode performance, int hours) {
        JsonNode period = performance.path("period");
        out.println("Last " + hours + (hours == 1 ? " hour" : " hours") + " (tasks created and step results"
                + " recorded since " + JsonText.cell(performance.path("window").path("since")) + "):");
        new Fields()
                .add("Tasks created", count(period, "tasks_created") + " (" + number(period.path("tasks_per_hour"))
                        + " per hour)")
                .add("Completed", count(period, "tasks_completed") + " (" + percent(period.path("completion_rate"))
                        + ")")
                .add("Failed", count(period, "tasks_failed") + " (" + percent(period.path("error_rate")) + ")")
                .add("Task duration", durations(period.path("task_duration_ms")))
                .add("Step results", count(period, "step_results") + " (" + number(period.path("steps_per_hour"))
                        + " per hour)")
                .add("Step duration", durations(period.path("step_duration_ms")))
                .print(out);
        out.println();
        JsonNode health = performance.path("health");
        out.println("Now (" + JsonText.cell(health.path("calculated_at")) + "):");
        new Fields()
                .add("Tasks by state", byState(health.path("tasks_by_state"), health.path("total_tasks")))
                .add("Steps by state", byState(health.path("steps_by_state"), health.path("total_steps")))
                .add("Ready steps", count(health, "ready_steps"))
                .add("In-flight steps", count(health, "in_flight_steps"))
                .add("DLQ depth", count(health, "dlq_depth"))
                .add("Oldest pending", oldest(health.path("oldest_pending_step")))
                .print(out);
    }

    /** The states with a count, in the server's order: {@code complete 28, error 5 (41 in all)}. */
    private static String byState(JsonNode counts, JsonNode total) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> state : counts.properties()) {
            if (state.getValue().asLong() != 0) {
                parts.add(state.getKey() + " " + state.getValue().asLong());
            }
        }
        String all = JsonText.cell(total) + " in all";
        return parts.isEmpty() ? "none (" + all + ")" : String.join(", ", parts) + " (" + all + ")";
    }

    private static String oldest(JsonNode oldest) {
        if (oldest.isNull() || oldest.isMissingNode()) {
            return "none waiting";
        }
        return "waiting " + human(oldest.path("age_ms").asLong()) + " (enqueued "
                + JsonText.cell(oldest.path("enqueued_at")) + ")";
    }

    private static String durations(JsonNode ms) {
        if (ms.isNull() || ms.isMissingNode()) {
            return "-";
        }
        return "avg " + human(ms.path("avg").asLong()) + ", p50 " + human(ms.path("p50").asLong()) + ", p95 "
                + human(ms.path("p95").asLong()) + ", p99 " + human(ms.path("p99").asLong());
    }

    /** {@code 850 ms}, {@code 2.3 s}, {@code 1m 15s}, {@code 19h 33m}, {@code 2d 4h}. */
    static String human(long millis) {
        Duration d = Duration.ofMillis(millis);
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 59_950) {
            return BigDecimal.valueOf(millis, 3).setScale(1, RoundingMode.HALF_UP).toPlainString() + " s";
        }
        if (d.toHours() < 1) {
            return d.toMinutesPart() + "m " + d.toSecondsPart() + "s";
        }
        if (d.toDays() < 1) {
            return d.toHoursPart() + "h " + d.toMinutesPart() + "m";
        }
        return d.toDays() + "d " + d.toHoursPart() + "h";
    }

    private static String count(JsonNode object, String field) {
        return JsonText.cell(object.path(field));
    }

    private static String number(JsonNode value) {
        return value.isNumber() ? new BigDecimal(value.asString()).stripTrailingZeros().toPlainString()
                : JsonText.cell(value);
    }

    private static String percent(JsonNode value) {
        return value.isNumber() ? number(value) + "%" : JsonText.cell(value);
    }
}

package io.tasker.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * What a run measured: one row per figure (scenario, metric, value, unit), printed as one table and written as JSON
 * together with the facts of the machine and the goals.
 */
final class Results {

    record Row(String scenario, String metric, double value, String unit) {
    }

    record Goal(String name, String target, String measured, boolean met) {
    }

    private final Map<String, Object> environment = new LinkedHashMap<>();
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<Goal> goals = new ArrayList<>();
    private final Map<String, List<String>> profiles = new LinkedHashMap<>();

    synchronized void environment(String key, Object value) {
        environment.put(key, value);
    }

    synchronized void setting(String key, Object value) {
        settings.put(key, value);
    }

    synchronized void add(String scenario, String metric, double value, String unit) {
        rows.add(new Row(scenario, metric, value, unit));
    }

    synchronized void goal(String name, String target, String measured, boolean met) {
        goals.add(new Goal(name, target, measured, met));
    }

    synchronized void profile(String name, List<String> lines) {
        profiles.put(name, List.copyOf(lines));
    }

    /** The value of a figure recorded earlier, or NaN. */
    synchronized double value(String scenario, String metric) {
        return rows.stream().filter(r -> r.scenario().equals(scenario) && r.metric().equals(metric))
                .mapToDouble(Row::value).findFirst().orElse(Double.NaN);
    }

    synchronized List<String> scenarios() {
        return rows.stream().map(Row::scenario).distinct().toList();
    }

    synchronized void print(PrintStream out) {
        environment.forEach((k, v) -> out.println(k + ": " + v));
        out.println();
        out.println("| scenario | metric | value | unit |");
        out.println("|---|---|---:|---|");
        for (Row row : rows) {
            out.println("| " + row.scenario() + " | " + row.metric() + " | " + format(row.value()) + " | "
                    + row.unit() + " |");
        }
        out.println();
        out.println("| goal | target | measured | met |");
        out.println("|---|---|---|---|");
        for (Goal goal : goals) {
            out.println("| " + goal.name() + " | " + goal.target() + " | " + goal.measured() + " | "
                    + (goal.met() ? "yes" : "no") + " |");
        }
    }

    synchronized void writeJson(Path file) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("environment", environment);
        document.put("settings", settings);
        Map<String, Map<String, Object>> scenarios = new LinkedHashMap<>();
        for (Row row : rows) {
            scenarios.computeIfAbsent(row.scenario(), s -> new LinkedHashMap<>())
                    .put(row.metric(), figure(row));
        }
        document.put("scenarios", scenarios);
        document.put("goals", goals);
        document.put("profiles", profiles);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            Files.writeString(file, mapper.writeValueAsString(document));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** A figure in the JSON; a value not measured (or not finite) is null, so it cannot pass for a measurement. */
    private static Map<String, Object> figure(Row row) {
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("value", Double.isFinite(row.value()) ? row.value() : null);
        figure.put("unit", row.unit());
        return figure;
    }

    static String format(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}

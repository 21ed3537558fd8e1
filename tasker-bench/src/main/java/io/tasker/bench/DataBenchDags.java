package io.tasker.bench;

import java.time.LocalDate;

/** The DAG files of the data benchmarks: a daily source job {@code raw} and one reactive {@code sql} job after it. */
final class DataBenchDags {

    private DataBenchDags() {
    }

    /**
     * DAG {@code name}: {@code raw} reads {@code days/<day>.csv} for each day from {@code start} to {@code end};
     * {@code totals} runs {@code query} over it; they are published as {@code <name>_raw} and {@code <name>_totals}.
     */
    static String dailyThenSql(String name, LocalDate start, LocalDate end, String query) {
        return """
                name: %s
                jobs:
                  - name: raw
                    activation: source
                    source: {kind: manual}
                    operator: file
                    config: {path: "days/{partition}.csv", format: csv}
                    partitions: {kind: daily, start: "%s", end: "%s"}
                  - name: totals
                    activation: reactive
                    operator: sql
                    inputs: [{from: {job: raw}}]
                    config: {query: "%s"}
                publish:
                  %s_raw: {from: {job: raw}}
                  %s_totals: {from: {job: totals}}
                """.formatted(name, start, end, query, name, name);
    }
}

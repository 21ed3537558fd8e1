package io.tasker.analytics;

import java.util.List;

/** Where a window's time and failures went: the slowest steps and templates, and the most retried steps. */
public record Bottlenecks(TimeWindow window, List<SlowStep> slowSteps, List<SlowTemplate> slowTemplates,
                          List<RetriedStep> retriedSteps) {

    public Bottlenecks {
        slowSteps = List.copyOf(slowSteps);
        slowTemplates = List.copyOf(slowTemplates);
        retriedSteps = List.copyOf(retriedSteps);
    }
}

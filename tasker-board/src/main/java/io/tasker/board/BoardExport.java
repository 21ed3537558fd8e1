package io.tasker.board;

import java.util.List;
import java.util.Map;

/**
 * The whole board of an org as one agent may see it: every task with its details, and the context entries that
 * agent may read (shared, discoveries, its own notes).
 */
public record BoardExport(List<TaskDetail> tasks, Map<String, List<ContextEntry>> context) {

    public BoardExport {
        tasks = List.copyOf(tasks);
        context = Map.copyOf(context);
    }
}

package io.tasker.board;

import java.util.Map;

/**
 * The board at a glance. {@code ready} counts with the same condition as the ready list.
 *
 * @param unread the calling agent's unread notifications
 */
public record BoardStats(Map<TaskStatus, Long> byStatus, long ready, long unread) {

    public BoardStats {
        byStatus = Map.copyOf(byStatus);
    }
}

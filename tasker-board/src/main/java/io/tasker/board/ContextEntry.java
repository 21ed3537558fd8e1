package io.tasker.board;

import java.time.Instant;
import java.util.Optional;

/** A context entry of a task: shared, a private note, or a discovery. */
public record ContextEntry(long id, String taskId, String agent, ContextType type, String content,
                           Optional<String> requestId, Instant createdAt) {
}

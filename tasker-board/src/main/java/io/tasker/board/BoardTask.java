package io.tasker.board;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A board task as stored.
 *
 * @param assignee      the agent it is meant for
 * @param claimedBy     the agent working on it now (only while {@code in_progress})
 * @param leaseExpires  when that claim lapses unless renewed
 * @param summary       the completion summary, or the cancellation reason
 * @param role          when present, only agents whose user holds this role may claim it
 */
public record BoardTask(String id, UUID orgId, String title, Optional<String> description, TaskStatus status,
                        Priority priority, Optional<String> assignee, String createdBy, Optional<String> claimedBy,
                        Optional<Instant> leaseExpires, Optional<String> summary, Instant createdAt,
                        Instant updatedAt, Optional<Instant> completedAt, Optional<String> role) {

    /** True when {@code agent} may claim it now: not assigned to someone else. */
    public boolean claimableBy(String agent) {
        return assignee.isEmpty() || assignee.get().equals(agent);
    }
}

package io.tasker.store.rows;

import java.util.UUID;

/** A row of {@code tasker.task_webhooks}. */
@Table("task_webhooks")
public record TaskWebhookRow(
        UUID taskUuid,
        String url) {
}

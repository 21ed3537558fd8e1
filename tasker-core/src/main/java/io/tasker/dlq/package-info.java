/**
 * The dead letter queue: tasks that got stuck or failed for good, kept with a snapshot of how they looked, for
 * operators to investigate, repair (through the step actions) and close. {@link io.tasker.dlq.DeadLetterStore} opens
 * entries (staleness, exhausted retries, operators); {@link io.tasker.dlq.DeadLetterQueue} lists, counts and closes
 * them and reports how stale the unfinished tasks are.
 */
package io.tasker.dlq;

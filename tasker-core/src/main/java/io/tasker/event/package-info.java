/**
 * Domain events: the events steps declare ({@code publishes_events}), written to {@code tasker.outbox} in the
 * transaction of the step's result, for the server to deliver to configured subscribers at least once.
 */
package io.tasker.event;

/** Signals: named JSON payloads sent to running tasks, awaited by their {@code signal} steps. */
package io.tasker.signal;

/** Prometheus metrics of a server ({@code GET /metrics}): the engine's events, the queue depths, the JVM. */
package io.tasker.server.metrics;

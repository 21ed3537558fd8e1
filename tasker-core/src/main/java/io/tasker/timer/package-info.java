/** Durable timers: the {@code wait} step type, and tasks created to start later ({@code run_at}, a delay). */
package io.tasker.timer;

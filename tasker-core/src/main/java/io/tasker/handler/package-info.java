/**
 * The public handler SPI: implement {@link io.tasker.handler.StepHandler}, read what you need from the
 * {@link io.tasker.handler.StepContext}, return a {@link io.tasker.handler.StepResult} (or throw a
 * {@link io.tasker.handler.StepError}). Nothing here depends on the engine's internals.
 */
package io.tasker.handler;

/**
 * The Tasker server: the REST API ({@code api}), authentication ({@code auth}), metrics ({@code metrics}), the
 * built-in HTTP step handler ({@code handlers}) and configuration ({@code config}). {@link io.tasker.server.TaskerServer}
 * puts them together with an engine.
 */
package io.tasker.server;

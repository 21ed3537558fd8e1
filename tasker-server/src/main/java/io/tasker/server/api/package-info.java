/**
 * The REST API: one class of routes per resource ({@code TaskRoutes}, {@code StepRoutes}, ...), strict request
 * parsing ({@link io.tasker.server.api.JsonBody}, {@link io.tasker.server.api.Params}), the JSON views of engine
 * records ({@link io.tasker.server.api.Views}), and the single table that maps exceptions to HTTP statuses
 * ({@link io.tasker.server.api.ApiErrors}).
 */
package io.tasker.server.api;

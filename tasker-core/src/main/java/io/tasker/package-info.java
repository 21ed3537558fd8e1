/**
 * Tasker: durable DAG workflow orchestration on PostgreSQL. {@link io.tasker.Tasker} is the front door (built by
 * {@link io.tasker.TaskerBuilder}); the exceptions here are the roots every other package extends.
 *
 * <p>Sub-packages, in the order a task meets them (docs/how-it-works.md tells the same story):
 * <ul>
 *   <li>{@code template}: define a workflow (parse, validate, register);</li>
 *   <li>{@code task}: what callers send and get back (requests, views, step actions);</li>
 *   <li>{@code engine}: the use cases: create a task, record a result and decide what runs next, cancel, repair;
 *       {@code engine.decision} is the pure decision, {@code engine.store} the SQL the use cases run;</li>
 *   <li>{@code worker}: claim ready steps and run their handlers (in process, or through the worker API);</li>
 *   <li>{@code park}: steps that wait for an event (timer, signal, child task) without holding a worker; on it
 *       {@code timer} (wait steps, delayed starts), {@code signal} and {@code subtask} (child workflows);</li>
 *   <li>{@code scheduler}: promote due retries, recover steps whose worker died, find stale tasks, retire old ones;
 *       layers add periodic work to its loop;</li>
 *   <li>{@code schedule}: cron (expressions, ticks fired once) and the cron schedules of templates;</li>
 *   <li>{@code dlq}: the dead letter queue operators work from;</li>
 *   <li>{@code identity}: orgs, users, roles and API keys, the base of tenancy;</li>
 *   <li>{@code state}: the two state machines; {@code handler}: the SPI handler authors implement;</li>
 *   <li>{@code settings}: every engine setting's default and range, declared once;</li>
 *   <li>{@code analytics}: the operators' read side; {@code db}: connecting and migrating; {@code store}: the JDBC
 *       helper and row records; {@code json}: the shared JSON mappers.</li>
 * </ul>
 */
package io.tasker;

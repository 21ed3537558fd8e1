/**
 * Cron, once for the whole product: {@link io.tasker.schedule.CronExpression} (parse, validate, fire times in a
 * time zone), {@link io.tasker.schedule.CronTicks} (each tick of an owner exactly once across processes, claimed in
 * the transaction that does its work), and the cron schedules of templates ({@link io.tasker.schedule.Schedules},
 * ticked on the core scheduler's loop by {@link io.tasker.schedule.ScheduleTicker}).
 */
package io.tasker.schedule;

/** Where source jobs' runs come from: cron schedules, fired on the engine's scheduler loop. */
package io.tasker.data.source;

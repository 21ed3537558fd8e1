/**
 * Runs: started with their workflow tasks (reactive, rebuild, manual, backfill), published and mirrored by the
 * commit hook in the engine's recording transaction.
 */
package io.tasker.data.run;

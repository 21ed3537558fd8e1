/**
 * CSV batch processing: a batchable step counts a dataset's rows, the engine creates batch workers over row ranges
 * (each checkpointing its progress), and a convergence step adds up their totals.
 */
package io.tasker.examples.csv;

/** Datasets, the versions jobs read and write, and partitions with their status. */
package io.tasker.data.dataset;

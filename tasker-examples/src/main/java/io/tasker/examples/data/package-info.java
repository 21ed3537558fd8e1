/** The data pipeline examples: the {@code sales} DAG and its sample order files. */
package io.tasker.examples.data;

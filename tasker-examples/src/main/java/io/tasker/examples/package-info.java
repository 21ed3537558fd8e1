/**
 * The reference workflow shapes (linear, diamond, tree, mixed DAG, order fulfillment, retries) as templates
 * ({@code io/tasker/examples/templates/*.yaml}) and the Java handlers they name.
 */
package io.tasker.examples;

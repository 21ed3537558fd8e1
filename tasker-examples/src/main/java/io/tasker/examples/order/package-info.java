/**
 * Handlers of the order fulfillment example ({@code order_fulfillment.yaml}): validate the order, reserve inventory,
 * take the payment, ship.
 */
package io.tasker.examples.order;

/**
 * Parked steps: steps that wait for an event (a timer, a signal, a child task, a board task) without holding a
 * worker, woken by a key from any process, by an event kept from before they parked, or by their deadline.
 */
package io.tasker.park;

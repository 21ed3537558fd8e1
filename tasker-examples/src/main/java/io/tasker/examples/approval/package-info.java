/**
 * Conditional approval routing: a decision step picks the approvals a request needs by its amount, and a deferred
 * convergence step finalizes once those (and only those) are done.
 */
package io.tasker.examples.approval;

/** Delivery of the outbox (completion webhooks, domain events) over HTTP: signed, retried, dead-lettered. */
package io.tasker.server.delivery;

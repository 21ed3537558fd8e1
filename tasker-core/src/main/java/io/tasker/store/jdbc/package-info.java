/** A tiny JDBC helper that knows nothing about workflows: transactions, bound parameters, row mappers. */
package io.tasker.store.jdbc;

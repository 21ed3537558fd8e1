/**
 * The two state machines: 12 task states and 10 step states, each an enum plus one table of allowed transitions.
 * Pure: no I/O. Every state change the engine writes is checked against these tables.
 */
package io.tasker.state;

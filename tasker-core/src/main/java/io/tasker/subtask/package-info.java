/** Child workflows: the {@code subtask} step type, which starts a task of another template and waits for it. */
package io.tasker.subtask;

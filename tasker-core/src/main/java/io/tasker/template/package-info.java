/**
 * Templates: the YAML (or JSON) description of a workflow, parsed into records, validated before anything is stored,
 * and registered in {@code task_namespaces}, {@code named_tasks}, {@code named_steps} and
 * {@code named_tasks_named_steps}.
 */
package io.tasker.template;

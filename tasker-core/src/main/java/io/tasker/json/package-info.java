/** JSON mappers (Jackson 3) shared by the engine: ordinary and canonical (key-sorted) output. */
package io.tasker.json;

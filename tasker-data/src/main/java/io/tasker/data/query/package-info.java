/** Read-only SQL over published datasets, pinned to their versions, with row and time limits. */
package io.tasker.data.query;

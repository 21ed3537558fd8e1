/** The {@code tasker} command line (picocli): one class per command group, errors as one line on stderr. */
package io.tasker.cli;

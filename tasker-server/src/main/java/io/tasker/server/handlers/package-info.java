/** Handlers the server provides to templates out of the box: {@code http} calls a URL with the step's inputs. */
package io.tasker.server.handlers;

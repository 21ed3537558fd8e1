/**
 * Every setting of the engine with its default and allowed range, declared once ({@link
 * io.tasker.settings.EngineSettings}). {@code TaskerBuilder} and the records that carry settings check values
 * through these declarations; the server's configuration reads its defaults and ranges from them too, so a default
 * or a limit cannot differ between embedding Tasker and running the server.
 */
package io.tasker.settings;

/**
 * Server configuration: every setting in one catalog ({@link io.tasker.server.config.SettingsCatalog}) with its YAML
 * key, environment variable, flag and default; {@link io.tasker.server.config.ConfigLoader} resolves them (file, then
 * environment, then flags) into {@link io.tasker.server.ServerSettings}, refusing unknown keys and invalid values.
 */
package io.tasker.server.config;

/**
 * Who is calling and what they may do: {@link io.tasker.server.auth.Authenticator} turns a request's API key or
 * bearer JWT into a {@link io.tasker.server.auth.Caller} (a user of an org), {@link io.tasker.server.auth.Permission}
 * lists every permission ({@code area:verb}) an endpoint can require, and {@link io.tasker.server.auth.AuthSettings}
 * holds the configuration's bootstrap keys and JWT settings.
 */
package io.tasker.server.auth;

/**
 * The web dashboard at {@code /ui}: a small single-page app (plain JavaScript, no build step) over the REST API, its
 * static assets, and browser sessions: a login with an API key keeps an {@code HttpOnly}, {@code SameSite=Strict}
 * session cookie, and the API accepts that cookie in place of the key, with a CSRF token on every action.
 */
package io.tasker.server.ui;

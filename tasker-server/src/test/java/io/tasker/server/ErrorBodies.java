package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** What every error response must look like: the documented JSON shape, and nothing of the server's insides. */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    /** The response is {@code status} with error {@code code}; returns its body. */
    public static JsonNode assertError(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().get("content-type")).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.path("error").asString()).as(response.body()).isEqualTo(code);
        assertThat(body.path("message").asString()).isNotBlank();
        assertNothingInternal(response.body());
        return body;
    }

    /** A 400 naming {@code field}. */
    public static JsonNode assertFieldError(ApiClient.Response response, String field) {
        JsonNode body = assertError(response, 400, "invalid_request");
        assertThat(body.path("field").asString()).as(response.body()).isEqualTo(field);
        return body;
    }

    /** No SQL, stack trace, Java class or library setting name in a response body. */
    public static void assertNothingInternal(String body) {
        assertThat(body).doesNotContainIgnoringCase("select ").doesNotContain("tasker.tasks")
                .doesNotContain("SQLSTATE").doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("org.postgresql").doesNotContain("java.").doesNotContain("tools.jackson")
                .doesNotContain("StreamReadConstraints").doesNotContain("com.networknt");
    }
}

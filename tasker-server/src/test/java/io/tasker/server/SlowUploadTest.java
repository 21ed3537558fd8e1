package io.tasker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tasker.json.Json;
import io.tasker.testing.DatabaseTest;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A body that stops arriving gets a 408 in the documented error format, not an empty text/plain answer. */
@DatabaseTest
class SlowUploadTest {

    @Test
    void an_upload_that_stalls_gets_a_json_408(DataSource dataSource) throws Exception {
        try (TaskerServer server = Servers.start(dataSource)) {
            URI uri = URI.create(server.baseUrl());
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                socket.setSoTimeout(120_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/tasks HTTP/1.1\r\nHost: tasker\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n{\"na").getBytes(StandardCharsets.UTF_8));
                out.flush();
                // Nothing more is sent: the server's idle timeout (30 s) ends the wait.
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(answer).startsWith("HTTP/1.1 408").containsIgnoringCase("content-type: application/json");
                JsonNode body = Json.parse(answer.substring(answer.indexOf("\r\n\r\n") + 4));
                assertThat(body.path("error").asString()).isEqualTo("request_timeout");
                assertThat(body.path("message").asString()).isNotBlank();
            }
        }
    }
}

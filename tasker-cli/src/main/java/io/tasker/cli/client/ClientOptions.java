package io.tasker.cli.client;

import io.tasker.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Which Tasker server to talk to, with which key, and how to print its answers. */
public final class ClientOptions {

    /** How answers are printed. */
    enum Output {
        /** Aligned text for people. */
        TABLE,
        /** The server's JSON, pretty-printed, for scripts. */
        JSON;

        /** Accepts {@code table} and {@code json} in any case. */
        static final class Converter implements CommandLine.ITypeConverter<Output> {
            @Override
            public Output convert(String value) {
                try {
                    return Output.valueOf(value.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.TypeConversionException("expected table or json, got '" + value + "'");
                }
            }
        }
    }

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:TASKER_URL:-http://127.0.0.1:8080}",
            description = "The Tasker server (default: \\$TASKER_URL, else http://127.0.0.1:8080).")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:TASKER_API_KEY}",
            description = "API key, sent as X-API-Key (default: \\$TASKER_API_KEY).")
    String apiKey;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            converter = Output.Converter.class,
            description = "table (default) or json: the server's JSON, pretty-printed.")
    Output output;

    public boolean json() {
        return output == Output.JSON;
    }

    /** A client for {@code --url}; an unusable URL is a usage error. */
    TaskerClient connect() {
        return connect(java.util.Map.of());
    }

    /** A client for {@code --url} that sends {@code headers} with every request (e.g. the board's agent). */
    public TaskerClient connect(java.util.Map<String, String> headers) {
        return new TaskerClient(baseUri(), Optional.ofNullable(apiKey).filter(key -> !key.isBlank()), headers);
    }

    private URI baseUri() {
        String text = url == null ? "" : url.strip();
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new InvalidInputException("invalid --url '" + text
                        + "': expected http://host:port or https://...");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidInputException("invalid --url '" + text + "': " + e.getReason());
        }
    }
}

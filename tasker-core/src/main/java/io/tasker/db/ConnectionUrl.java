package io.tasker.db;

import io.tasker.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A PostgreSQL location given by the user, as a libpq URI ({@code postgresql://user:secret@host:5432/db}) or a JDBC
 * URL ({@code jdbc:postgresql://host:5432/db?user=u&password=p}). Credentials are kept apart from the URL so that
 * {@link #redacted()} can be logged and shown safely.
 */
public record ConnectionUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

    private static final Pattern SCHEME = Pattern.compile("^(jdbc:postgresql|postgresql|postgres)://.*");

    public ConnectionUrl {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
    }

    /** Parses a libpq URI or JDBC URL; user and password may be in the user-info part or in query parameters. */
    public static ConnectionUrl parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (!SCHEME.matcher(trimmed).matches()) {
            throw new InvalidInputException("invalid database URL: expected postgresql://user:password@host:port/database"
                    + " or jdbc:postgresql://host:port/database");
        }
        String withoutJdbc = trimmed.startsWith("jdbc:") ? trimmed.substring("jdbc:".length()) : trimmed;
        URI uri;
        try {
            uri = new URI(withoutJdbc.replaceFirst("^postgres(ql)?://", "postgresql://"));
        } catch (URISyntaxException e) {
            throw new InvalidInputException("invalid database URL: " + e.getReason());
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidInputException("invalid database URL: no host name");
        }
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        Map<String, String> query = queryParameters(uri.getRawQuery());
        String user = query.remove("user");
        String password = query.remove("password");
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : password;
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append('/').append(database);
        String separator = "?";
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            jdbc.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = "&";
        }
        return new ConnectionUrl(jdbc.toString(), Optional.ofNullable(user).filter(u -> !u.isEmpty()),
                Optional.ofNullable(password));
    }

    /** The JDBC URL with the user name but never the password, for logs and messages. */
    public String redacted() {
        return user.map(u -> jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "user=" + u).orElse(jdbcUrl);
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] keyValue = pair.split("=", 2);
            parameters.put(decode(keyValue[0]), keyValue.length > 1 ? decode(keyValue[1]) : "");
        }
        return parameters;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}

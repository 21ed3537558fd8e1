package io.tasker.data.openlineage;

import io.tasker.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the OpenLineage RunEvents of data runs go.
 *
 * @param target    an {@code http(s)://} endpoint (e.g. Marquez's {@code /api/v1/lineage}) the events are POSTed
 *                  to, or a {@code file:} URI of a JSON Lines file they are appended to; empty: none are written
 * @param namespace the OpenLineage namespace of jobs and datasets, followed by {@code /<org slug>}
 */
public record OpenLineageSettings(Optional<URI> target, String namespace) {

    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}");
    public static final String DEFAULT_NAMESPACE = "tasker";
    public static final OpenLineageSettings OFF = new OpenLineageSettings(Optional.empty(), DEFAULT_NAMESPACE);

    public OpenLineageSettings {
        Objects.requireNonNull(target, "target");
        target.ifPresent(OpenLineageSettings::check);
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new InvalidInputException("data.openlineage_namespace must be 1-200 characters of letters, digits"
                    + " and . _ : / -");
        }
    }

    /** From the settings' text: an empty URL turns emission off. */
    public static OpenLineageSettings parse(String url, String namespace) {
        String ns = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace.trim();
        if (url == null || url.isBlank()) {
            return new OpenLineageSettings(Optional.empty(), ns);
        }
        try {
            return new OpenLineageSettings(Optional.of(new URI(url.trim())), ns);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("data.openlineage_url is not a URI: " + e.getMessage());
        }
    }

    public boolean enabled() {
        return target.isPresent();
    }

    private static void check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean http = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        boolean file = scheme.equals("file") && uri.getPath() != null && uri.getPath().startsWith("/")
                && !uri.getPath().endsWith("/");
        if (!http && !file || uri.toString().length() > 2048) {
            throw new InvalidInputException("data.openlineage_url must be an http(s):// URL or a file:/absolute/path"
                    + " (at most 2048 characters)");
        }
    }
}

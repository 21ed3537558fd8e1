package io.tasker.server.handlers;

import io.tasker.InvalidInputException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The hosts the built-in {@code http} handler may call, redirects included: exact names ({@code api.example.com},
 * {@code 10.0.0.7}) or every subdomain of a name ({@code *.example.com}). Empty: any host, which is only safe when
 * everyone with {@code templates:write} is trusted, since a template names the URL.
 *
 * @param hosts lower-case host names and {@code *.}-prefixed domains
 */
public record HttpTargets(List<String> hosts) {

    public static final HttpTargets ANY = new HttpTargets(List.of());

    public HttpTargets {
        hosts = hosts.stream().map(host -> host.strip().toLowerCase(Locale.ROOT)).toList();
        for (String host : hosts) {
            String name = host.startsWith("*.") ? host.substring(2) : host;
            if (name.isEmpty() || !name.matches("[a-z0-9.\\-\\[\\]:]+") || name.contains("*")) {
                throw new InvalidInputException("'" + host + "' is not a host name, an IP address or *.domain");
            }
        }
    }

    public boolean restricted() {
        return !hosts.isEmpty();
    }

    /** Whether {@code url}'s host may be called. */
    public boolean allows(URI url) {
        if (!restricted()) {
            return true;
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        for (String allowed : hosts) {
            if (allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : host.equals(allowed)) {
                return true;
            }
        }
        return false;
    }
}

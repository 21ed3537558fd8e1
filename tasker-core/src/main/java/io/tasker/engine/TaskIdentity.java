package io.tasker.engine;

import io.tasker.InvalidInputException;
import io.tasker.json.Json;
import io.tasker.template.IdentityStrategy;
import io.tasker.template.TemplateKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The {@code identity_hash} of a new task (SHA-256, hex): an idempotency key when the caller gives one, otherwise
 * per the template's strategy: {@code strict} hashes the template and the canonical context, {@code always_unique}
 * the task's own id, and {@code caller_provided} requires the key.
 */
public final class TaskIdentity {

    private TaskIdentity() {
    }

    public static String hash(UUID namedTaskUuid, TemplateKey template, IdentityStrategy strategy,
                              Optional<String> idempotencyKey, JsonNode context, UUID taskUuid) {
        if (idempotencyKey.isPresent()) {
            return sha256("key\n" + namedTaskUuid + "\n" + idempotencyKey.get());
        }
        return switch (strategy) {
            case STRICT -> sha256("strict\n" + namedTaskUuid + "\n" + Json.canonical(context));
            case ALWAYS_UNIQUE -> sha256("unique\n" + taskUuid);
            case CALLER_PROVIDED -> throw new InvalidInputException("idempotency_key is required: template "
                    + template + " uses identity_strategy caller_provided");
        };
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

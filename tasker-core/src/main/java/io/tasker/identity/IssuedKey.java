package io.tasker.identity;

/** A key just created: {@code secret} is what the caller sends in {@code X-API-Key}; it is never shown again. */
public record IssuedKey(ApiKey key, String secret) {

    @Override
    public String toString() {
        return "IssuedKey[" + key.prefix() + "...]";
    }
}

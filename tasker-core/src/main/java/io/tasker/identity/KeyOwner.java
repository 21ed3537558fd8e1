package io.tasker.identity;

/**
 * What a presented key resolves to: the key and the member (user, org, custom roles) it belongs to.
 */
public record KeyOwner(ApiKey key, Member member) {
}

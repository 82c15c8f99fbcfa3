package io.opsledger.drift.tfstate;

import io.opsledger.common.EncryptedSecret;

/**
 * One root module output of a Terraform state (format 4): {@code value} and {@code type} are the
 * JSON values as parsed (maps, lists, strings, numbers, booleans), {@code sensitive} as Terraform marked it.
 * Once sealed ({@link SensitiveValues#seal}), a sensitive output's {@code value} is
 * {@link SensitiveValues#MASK} and {@code sealed} holds the real value's JSON, encrypted.
 */
public record StateOutput(Object value, Object type, boolean sensitive, EncryptedSecret sealed) {

    public StateOutput(Object value, Object type, boolean sensitive) {
        this(value, type, sensitive, null);
    }
}

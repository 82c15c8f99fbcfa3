package io.opsledger.drift.tfstate;

import io.opsledger.common.EncryptedSecret;

import java.util.List;

/**
 * A value Terraform marks sensitive, taken out of a resource instance's attributes: where it was
 * ({@code path}: attribute names and map keys as strings, list positions as integers, from the
 * attributes' root) and its JSON, encrypted. The attributes hold {@link SensitiveValues#MASK} there.
 */
public record SealedValue(List<Object> path, EncryptedSecret value) {
    public SealedValue {
        path = path == null ? List.of() : List.copyOf(path);
    }
}

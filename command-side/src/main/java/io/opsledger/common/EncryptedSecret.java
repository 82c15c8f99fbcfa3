package io.opsledger.common;

/**
 * A secret as it may appear in a command, an event or a projection: AES-GCM ciphertext under the
 * master key, base64. Only a gateway (or the code that must hand it to a person, like a reset
 * mail) decrypts it, through {@link SecretCipher}.
 */
public record EncryptedSecret(String ciphertext) {
    @Override
    public String toString() { return "EncryptedSecret[********]"; }
}

package io.opsledger.inventory;

import io.opsledger.common.EncryptedSecret;
import io.opsledger.common.Masked;
import io.opsledger.common.SecretCipher;
import org.springframework.stereotype.Component;

/**
 * An account's secret access key is write-only: encrypted before it enters a command, never shown.
 * What a client sends for it changes the stored one as follows.
 */
@Component
public class AccountSecrets {

    private final SecretCipher cipher;

    public AccountSecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * The secret after a request that gave {@code sent}: null removes it, "" or the mask (what a client sends back for a secret it cannot read) keep
     * {@code current} (a form that could not show the secret), anything else replaces it, encrypted.
     */
    public EncryptedSecret after(EncryptedSecret current, String sent) {
        if (sent == null) {
            return null;
        }
        if (sent.isEmpty() || Masked.MASK.equals(sent)) {
            return current;
        }
        return cipher.encrypt(sent);
    }
}

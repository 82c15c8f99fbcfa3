package io.opsledger.common;

import org.springframework.stereotype.Component;

/**
 * Write-only secrets (an account's AWS secret key, the site's SMTP password and OIDC client secret):
 * encrypted before they enter a command, never shown but as {@link Masked#MASK}. What a client sends
 * for one changes the stored one as {@link #after} says.
 */
@Component
public class WriteOnlySecrets {

    /** What an empty value means for a secret: the contracts differ. */
    public enum Blank { KEEPS, CLEARS }

    private final SecretCipher cipher;

    public WriteOnlySecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * The secret after a request that sent {@code sent} for it: null clears it, empty keeps or clears
     * it as {@code blank} says, the mask keeps {@code current} (a form sending back what it was
     * shown), anything else replaces it, encrypted.
     */
    public EncryptedSecret after(EncryptedSecret current, String sent, Blank blank) {
        if (sent == null) {
            return null;
        }
        if (sent.isEmpty()) {
            return blank == Blank.KEEPS ? current : null;
        }
        return Masked.MASK.equals(sent) ? current : cipher.encrypt(sent);
    }
}

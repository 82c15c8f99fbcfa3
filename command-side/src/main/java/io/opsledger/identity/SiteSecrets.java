package io.opsledger.identity;

import io.opsledger.common.EncryptedSecret;
import io.opsledger.common.Masked;
import io.opsledger.common.SecretCipher;
import org.springframework.stereotype.Component;

/**
 * The site settings' secrets (SMTP password, OIDC client secret) are write-only: encrypted before
 * they enter a command, shown only as the mask. What an admin sends changes the stored one so.
 */
@Component
public class SiteSecrets {

    private final SecretCipher cipher;

    public SiteSecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * The secret after a request that sent {@code sent} for it: empty or null clears it, the mask
     * keeps {@code current} (a form sending back what it was shown), anything else replaces it.
     */
    public EncryptedSecret after(EncryptedSecret current, String sent) {
        if (sent == null || sent.isEmpty()) {
            return null;
        }
        return Masked.MASK.equals(sent) ? current : cipher.encrypt(sent);
    }
}

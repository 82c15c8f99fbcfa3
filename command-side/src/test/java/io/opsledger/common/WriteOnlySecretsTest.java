package io.opsledger.common;

import io.opsledger.common.WriteOnlySecrets.Blank;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class WriteOnlySecretsTest {

    private final SecretCipher cipher = new SecretCipher(new SecureRandom().generateSeed(32));
    private final WriteOnlySecrets secrets = new WriteOnlySecrets(cipher);
    private final EncryptedSecret stored = cipher.encrypt("old-secret");

    @Test
    void theMaskAFormWasShownKeepsTheSecret() {
        assertThat(secrets.after(stored, Masked.MASK, Blank.KEEPS)).isSameAs(stored);
        assertThat(secrets.after(stored, Masked.MASK, Blank.CLEARS)).isSameAs(stored);
    }

    @Test
    void emptyKeepsOrClearsAsTheContractSays() {
        assertThat(secrets.after(stored, "", Blank.KEEPS)).isSameAs(stored);
        assertThat(secrets.after(stored, "", Blank.CLEARS)).isNull();
        assertThat(secrets.after(stored, null, Blank.KEEPS)).isNull();
    }

    @Test
    void anythingElseReplacesItEncrypted() {
        EncryptedSecret next = secrets.after(stored, "new-secret", Blank.KEEPS);
        assertThat(next.ciphertext()).doesNotContain("new-secret");
        assertThat(cipher.decrypt(next)).isEqualTo("new-secret");
    }
}

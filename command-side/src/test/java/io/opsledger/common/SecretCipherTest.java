package io.opsledger.common;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    private static byte[] key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    @Test
    void roundTripsAndNeverShowsThePlaintext() {
        SecretCipher cipher = new SecretCipher(key());
        EncryptedSecret sealed = cipher.encrypt("wJalrXUtnFEMI/K7MDENG");
        assertThat(sealed.ciphertext()).doesNotContain("wJalr");
        assertThat(sealed.toString()).doesNotContain(sealed.ciphertext());
        assertThat(cipher.decrypt(sealed)).isEqualTo("wJalrXUtnFEMI/K7MDENG");
        assertThat(cipher.encrypt("same")).isNotEqualTo(cipher.encrypt("same"));
    }

    @Test
    void anotherKeyCannotOpenIt() {
        EncryptedSecret sealed = new SecretCipher(key()).encrypt("secret");
        assertThatThrownBy(() -> new SecretCipher(key()).decrypt(sealed)).isInstanceOf(IllegalStateException.class);
    }
}

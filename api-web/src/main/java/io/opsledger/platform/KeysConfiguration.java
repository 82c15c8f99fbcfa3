package io.opsledger.platform;

import io.opsledger.common.SecretCipher;
import io.opsledger.identity.Seal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

@Configuration
public class KeysConfiguration {

    /** The master key: OPSLEDGER_MASTER_KEY (base64, 32 bytes) or keys/master.key, made on first start. */
    @Bean
    public SecretCipher secretCipher(DataFolder data, @Value("${OPSLEDGER_MASTER_KEY:}") String configured) {
        return new SecretCipher(data.key("master.key", "OPSLEDGER_MASTER_KEY", configured, 32));
    }

    /**
     * The seal of the identity read models, keyed from the master key (every node has the same
     * one), so only this server's projections can write a session, key or user that authenticates.
     */
    @Bean
    public Seal identitySeal(DataFolder data, @Value("${OPSLEDGER_MASTER_KEY:}") String configured) {
        byte[] master = data.key("master.key", "OPSLEDGER_MASTER_KEY", configured, 32);
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(master, "HmacSHA256"));
            return new Seal(derive.doFinal("opsledger identity projection seal v1".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

package io.opsledger.platform;

import io.opsledger.common.SecretCipher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class KeysConfiguration {

    /** The master key: OPSLEDGER_MASTER_KEY (base64, 32 bytes) or keys/master.key, made on first start. */
    @Bean
    public SecretCipher secretCipher(DataFolder data, @Value("${OPSLEDGER_MASTER_KEY:}") String configured) {
        return new SecretCipher(data.key("master.key", "OPSLEDGER_MASTER_KEY", configured, 32));
    }
}

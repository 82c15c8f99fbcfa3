package io.opsledger.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.opsledger.platform.DataFolder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/** Identity's read models (users, credentials, the directory, site settings) and their seal. */
@Configuration
public class IdentityReadModels {

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

    @Bean
    public UserProjection userProjection(MongoDatabase db, Seal seal) { return new UserProjection(db, seal); }

    @Bean
    public CredentialProjection credentialProjection(MongoDatabase db, Seal seal) { return new CredentialProjection(db, seal); }

    @Bean
    public DirectoryProjection directoryProjection(MongoDatabase db) { return new DirectoryProjection(db); }

    @Bean
    public SiteSettingsProjection siteSettingsProjection(MongoDatabase db, ObjectMapper json) {
        return new SiteSettingsProjection(db, json);
    }
}

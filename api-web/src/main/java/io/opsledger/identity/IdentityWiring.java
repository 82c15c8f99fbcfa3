package io.opsledger.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.nimbusds.jose.JOSEException;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.SecretCipher;
import io.opsledger.platform.DataFolder;
import io.opsledger.platform.IdSequences;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/** Identity as this server runs it: its read models, their seal, the JWT keys and the user store. */
@Configuration
public class IdentityWiring {

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
    public SiteSettingsProjection siteSettingsProjection(MongoDatabase db, ObjectMapper json) {
        return new SiteSettingsProjection(db, json);
    }

    /** OPSLEDGER_JWT_SECRET, or keys/jwt.key, made on first start. */
    @Bean
    public JwtService jwtService(DataFolder data, @Value("${OPSLEDGER_JWT_SECRET:}") String configured) throws JOSEException {
        return new JwtService(data.key("jwt.key", "OPSLEDGER_JWT_SECRET", configured, 64));
    }

    @Bean
    public Authenticator authenticator(Queries queries, JwtService jwt) { return new Authenticator(queries, jwt); }

    @Bean
    public FirstAdmin firstAdmin(EventStore events) { return new FirstAdmin(events); }

    @Bean
    public Users users(Commands commands, Queries queries, IdentityClaims usernames, IdSequences ids, JwtService jwt,
                       Authenticator authenticator, SecretCipher cipher, FirstAdmin firstAdmin,
                       @Value("${opsledger.self-registration:true}") boolean selfRegistration) {
        return new Users(commands, queries, usernames, () -> ids.next("user"), jwt, authenticator, cipher, firstAdmin,
                selfRegistration);
    }

    @Bean
    public BootstrapAdmin bootstrapAdmin(Users users, @Value("${opsledger.admin.username}") String username,
                                         @Value("${opsledger.admin.password}") String password,
                                         @Value("${opsledger.admin.email}") String email) {
        return new BootstrapAdmin(users, username, password, email);
    }

    @Bean
    public ApplicationListener<ApplicationReadyEvent> bootstrapAdminWhenReady(BootstrapAdmin admin) {
        return ready -> admin.createSuperadminIfAsked();
    }
}

package io.opsledger.identity;

import com.nimbusds.jose.JOSEException;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.SecretCipher;
import io.opsledger.platform.DataFolder;
import io.opsledger.platform.IdSequences;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Identity as this server runs it: the JWT keys, sign-in checks, the user store and the first superadmin. */
@Configuration
public class IdentityServices {

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
                       @Value("${opsledger.self-registration:true}") boolean selfRegistration,
                       ObjectProvider<DirectoryLogins> directory) {
        // the directory's logins live on the process side and need the user store: looked up when first used
        return new Users(commands, queries, usernames, () -> ids.next("user"), jwt, authenticator, cipher, firstAdmin,
                selfRegistration, () -> directory.getIfAvailable(() -> DirectoryLogins.NONE));
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

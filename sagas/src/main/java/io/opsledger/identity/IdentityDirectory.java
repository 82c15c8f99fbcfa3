package io.opsledger.identity;

import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.ldap.DirectoryGateway;
import io.opsledger.platform.BackgroundRuns;
import io.opsledger.platform.IdSequences;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The LDAP / Active Directory part of identity: directory accounts and the scheduled sync (the gateway is in PlatformGateways). */
@Configuration
public class IdentityDirectory {

    @Bean
    public DirectoryAccounts directoryAccounts(DirectoryGateway gateway, Commands commands, Queries queries,
                                               SecretCipher cipher, IdSequences ids) {
        return new DirectoryAccounts(gateway, commands, queries, cipher, () -> ids.next("user"));
    }

    /** The sync runs outside the deadline's unit of work: its commands commit on their own. */
    @Bean
    public DirectorySyncTrigger directorySyncTrigger(DirectoryAccounts accounts,
                                                     @Value("${opsledger.ldap.sync-interval}") Duration interval) {
        return new DirectorySyncTrigger() {
            @Override
            public Duration interval() { return interval; }

            @Override
            public void sync() {
                BackgroundRuns.onOwnThread("directory-sync",
                        () -> accounts.sync(Actor.system("directory-sync"), "schedule", false));
            }
        };
    }

    @Bean
    public ConfigurerModule directorySyncSaga() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerSaga(DirectorySyncSaga.class));
    }
}

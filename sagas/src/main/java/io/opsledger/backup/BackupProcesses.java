package io.opsledger.backup;

import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.barman.BarmanGateway;
import io.opsledger.gateway.mount.MountGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Clock;

/** The backup context's work with Barman. */
@Configuration
public class BackupProcesses {

    @Bean
    public BarmanOperations barmanOperations(BarmanGateway barman, Commands commands, Queries queries, SecretCipher cipher,
            @Value("${opsledger.backup.root}") String root, @Value("${opsledger.backup.postgres-bin}") String postgresBin) {
        return new BarmanOperations(barman, commands, queries, cipher, Path.of(root), postgresBin.isBlank() ? null : postgresBin.strip(),
                Clock.systemUTC());
    }

    @Bean
    public MountOperations mountOperations(MountGateway mounts, BarmanOperations barman, Commands commands, Queries queries,
                                           SecretCipher cipher) {
        return new MountOperations(mounts, barman, commands, queries, cipher);
    }

    /**
     * Storage mounts and Barman's WAL receivers belong to this node: they come back with it, on a
     * thread of their own (each WAL receiver waits until it streams, which a PostgreSQL that is
     * down would hold up), mounts first, since the receivers write into them.
     */
    @Bean
    public ApplicationListener<ApplicationReadyEvent> walReceiversAtStart(MountOperations mounts, BarmanOperations operations) {
        return event -> {
            Thread starter = new Thread(() -> {
                mounts.remountAtStart();
                operations.restartWalReceivers();
            }, "barman-mounts-and-wal-receivers");
            starter.setDaemon(true);
            starter.start();
        };
    }
}

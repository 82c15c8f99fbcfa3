package io.opsledger.migration;

import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.migration.api.MigrationIds;
import io.opsledger.platform.IdSequences;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The migration context's runs: the saga, its steps, and the service the web's "run" calls. */
@Configuration
public class MigrationProcesses {

    @Bean
    public MigrationCopies migrationCopies(Commands commands, Queries queries, IdSequences ids) {
        return new MigrationCopies(commands, queries, () -> ids.next(MigrationIds.WORK_LOAD.sequence()));
    }

    @Bean
    public ConfigurerModule migrationRunSaga() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerSaga(MigrationRunSaga.class));
    }

    @Bean
    public MigrationRuns migrationRuns(Commands commands, Queries queries) {
        return new MigrationRuns(commands, queries, Duration.ofSeconds(30));
    }
}

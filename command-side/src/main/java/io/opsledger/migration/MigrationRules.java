package io.opsledger.migration;

import io.opsledger.platform.RelationalSchema;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The migration context's set-based rules: references checked where commands are dispatched. */
@Configuration
public class MigrationRules {

    /** The schema is a parameter so that the relational store is set up before the lookup's tables. */
    @Bean
    public MigrationReferences migrationReferences(JdbcTemplate jdbc, RelationalSchema schema) {
        return new MigrationReferences(jdbc);
    }

    /**
     * Every command is checked before it is dispatched, whoever sends it (the web, a saga). A bean of
     * its own, so that the lookup, an event handler, does not depend on the command bus.
     */
    @Bean
    public Registration migrationReferenceCheck(CommandBus commandBus, MigrationReferences references) {
        return commandBus.registerDispatchInterceptor(references.interceptor());
    }

    /** The lookup changes in the unit of work of the events that change it (see {@link MigrationReferences#GROUP}). */
    @Bean
    public ConfigurerModule migrationReferenceLookup() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerSubscribingEventProcessor(MigrationReferences.GROUP));
    }
}

package io.opsledger.common.claims;

import io.opsledger.platform.RelationalSchema;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/** Unique values: the claims table, every context's rules, and their releasing handlers' processor. */
@Configuration
public class ClaimsConfiguration {

    /** The schema is a parameter so that the claims table exists before anyone claims. */
    @Bean
    public UniqueClaims uniqueClaims(JdbcTemplate jdbc, EventStore eventStore, RelationalSchema schema) {
        return new UniqueClaims(jdbc, eventStore);
    }

    @Bean
    public CommandClaims commandClaims(UniqueClaims claims, List<ClaimRules> rules) {
        return new CommandClaims(claims, rules);
    }

    /** Releases run in the unit of work of the event that frees the value (see {@link ClaimRules#GROUP}). */
    @Bean
    public ConfigurerModule claimReleases() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerSubscribingEventProcessor(ClaimRules.GROUP));
    }
}

package io.opsledger.inventory;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** An asset's relationships are deleted in the unit of work of its deletion (see {@link RelationshipCascade}). */
@Configuration
public class RelationshipCascadeProcessor {

    @Bean
    public ConfigurerModule relationshipCascadeInDeletingUnitOfWork() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(RelationshipCascade.GROUP)
                // a link that cannot be deleted fails the asset's deletion, as when the links went first
                .registerListenerInvocationErrorHandler(RelationshipCascade.GROUP, config -> PropagatingErrorHandler.instance()));
    }
}

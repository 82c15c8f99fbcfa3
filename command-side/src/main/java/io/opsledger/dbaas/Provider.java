package io.opsledger.dbaas;

import io.opsledger.common.AggregateCache;
import io.opsledger.common.RuleViolation;
import io.opsledger.dbaas.api.ProviderMessages.*;
import io.opsledger.dbaas.api.ProviderSettings;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One user's credentials for one platform. Only its owner changes it; its credentials arrive
 * encrypted and the aggregate keeps none of them.
 */
@Aggregate(cache = AggregateCache.NAME)
public class Provider {

    static final int MAX_TEXT = 255;
    static final int MAX_URL = 2048;

    @AggregateIdentifier
    private String id;
    private String ownerId;

    protected Provider() {}

    @CommandHandler
    public Provider(RegisterProvider command) {
        apply(new ProviderRegistered(command.id(), command.number(), command.ownerId(), checked(command.settings())));
    }

    @CommandHandler
    public void handle(UpdateProvider command) {
        if (!ownerId.equals(command.ownerId())) {
            throw RuleViolation.notFound("Not found.");
        }
        apply(new ProviderUpdated(id, ownerId, checked(command.settings())));
    }

    @CommandHandler
    public void handle(RecordProviderConnection command) {
        apply(new ProviderConnectionChecked(id, command.connected(), command.detail(), command.checkedAt()));
    }

    @EventSourcingHandler
    void on(ProviderRegistered event) {
        id = event.id();
        ownerId = event.ownerId();
    }

    /** The settings, or the first rule they break (DRF's field messages). */
    static ProviderSettings checked(ProviderSettings s) {
        if (s.providerName() == null || s.providerName().isBlank()) {
            throw RuleViolation.invalid("provider_name", "This field is required.");
        }
        limit("provider_name", s.providerName(), MAX_TEXT);
        limit("key_name", s.keyName(), MAX_TEXT);
        limit("OpenstackUsername", s.openstackUsername(), MAX_TEXT);
        limit("tenant_name", s.tenantName(), MAX_TEXT);
        limit("region", s.region(), MAX_TEXT);
        limit("OpenShift_username", s.openshiftUsername(), MAX_TEXT);
        limit("provider_url", s.providerUrl(), MAX_URL);
        limit("auth_url", s.authUrl(), MAX_URL);
        limit("api_url", s.apiUrl(), MAX_URL);
        return s;
    }

    private static void limit(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw RuleViolation.invalid(field, "Ensure this field has no more than " + max + " characters.");
        }
    }
}

package io.opsledger.identity;

import io.opsledger.common.AggregateCache;
import io.opsledger.common.RuleViolation;
import io.opsledger.identity.api.SiteSettingsMessages.SiteSettingsUpdated;
import io.opsledger.identity.api.SiteSettingsMessages.UpdateSiteSettings;
import io.opsledger.identity.api.SiteSettingsValues;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@Aggregate(cache = AggregateCache.NAME)
public class SiteSettings {

    @AggregateIdentifier
    private String settingsId;

    protected SiteSettings() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(UpdateSiteSettings command) {
        SiteSettingsValues s = command.settings();
        if (!SiteSettingsValues.EMAIL_BACKENDS.contains(s.emailBackend())) {
            throw RuleViolation.invalid("email_backend", "\"" + s.emailBackend() + "\" is not a valid choice.");
        }
        if (!SiteSettingsValues.DISCOVERY_INTERVALS.contains(s.discoveryInterval())) {
            throw RuleViolation.invalid("discovery_interval", "\"" + s.discoveryInterval() + "\" is not a valid choice.");
        }
        if (s.sessionTimeoutMinutes() < 1) {
            throw RuleViolation.invalid("session_timeout_minutes", "Ensure this value is greater than or equal to 1.");
        }
        if (s.emailPort() < 1 || s.emailPort() > 65535) {
            throw RuleViolation.invalid("smtp_port", "Ensure this value is between 1 and 65535.");
        }
        if (s.emailUseTls() && s.emailUseSsl()) {
            throw RuleViolation.invalid("smtp_use_ssl", "smtp_use_tls and smtp_use_ssl are mutually exclusive.");
        }
        apply(new SiteSettingsUpdated(command.settingsId(), s));
    }

    @EventSourcingHandler
    void on(SiteSettingsUpdated event) {
        this.settingsId = event.settingsId();
    }
}

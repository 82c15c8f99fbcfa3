package io.opsledger.identity;

import io.opsledger.common.AggregateCache;
import io.opsledger.common.RuleViolation;
import io.opsledger.identity.api.DirectoryMessages.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.util.Locale;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The site's LDAP / Active Directory settings and the record of its syncs. The connection itself is
 * tested before the command is sent (a rule about the outside world, not about these values).
 */
@Aggregate(cache = AggregateCache.NAME)
public class Directory {

    static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    @AggregateIdentifier
    private String directoryId;
    private boolean configured;

    protected Directory() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SaveDirectorySettings command) {
        DirectorySettings s = command.settings();
        String uri = s.uri() == null ? "" : s.uri().strip().toLowerCase(Locale.ROOT);
        if (!uri.startsWith("ldap://") && !uri.startsWith("ldaps://")) {
            throw RuleViolation.invalid("ldapServerURI", "Enter an ldap:// or ldaps:// URI.");
        }
        if (s.startTls() && uri.startsWith("ldaps://")) {
            throw RuleViolation.invalid("ldapStartTLS", "StartTLS is for ldap:// URIs; ldaps:// is encrypted already.");
        }
        requireTimeout("ldapConnectTimeout", s.connectTimeout());
        requireTimeout("ldapReadTimeout", s.readTimeout());
        apply(new DirectorySettingsSaved(command.directoryId(), s, command.vendor()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ClearDirectorySettings command) {
        // clearing what is not there changes nothing, and records nothing
        if (configured) {
            apply(new DirectorySettingsCleared(command.directoryId()));
        }
    }

    @CommandHandler
    public void handle(RecordDirectorySync command) {
        apply(new DirectorySynced(directoryId, command.syncId(), command.trigger(), command.groups(), command.users(),
                command.changes()));
    }

    @EventSourcingHandler
    void on(DirectorySettingsSaved event) {
        directoryId = event.directoryId();
        configured = true;
    }

    @EventSourcingHandler
    void on(DirectorySettingsCleared event) {
        directoryId = event.directoryId();
        configured = false;
    }

    private static void requireTimeout(String field, Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw RuleViolation.invalid(field, "Ensure this value is between 1 and " + MAX_TIMEOUT.toSeconds() + " seconds.");
        }
    }
}

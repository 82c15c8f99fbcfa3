package io.opsledger.dbaas;

import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.RuleViolation;
import io.opsledger.common.claims.UniqueClaims;
import io.opsledger.dbaas.api.DbaasQueries.CatalogueView;
import io.opsledger.dbaas.api.DbaasQueries.ListCatalogue;
import io.opsledger.dbaas.api.Platform;
import io.opsledger.dbaas.api.ProviderMessages;
import io.opsledger.dbaas.api.ProviderMessages.RecordProviderConnection;
import io.opsledger.dbaas.api.ProviderMessages.RegisterProvider;
import io.opsledger.dbaas.api.ProviderMessages.UpdateProvider;
import io.opsledger.dbaas.api.ProviderSettings;
import io.opsledger.platform.IdSequences;

import java.time.Clock;

/**
 * Saving a user's provider: the record of that (user, provider_name) is created or, if there is
 * one, updated with its id kept; then its credentials are checked through the platform's gateway
 * and the result recorded, so the answer says whether it is connected. A platform an admin has
 * switched off in the catalogue takes no new or changed records.
 */
public class ProviderRegistration {

    /** The provider's aggregate id, and whether this save created it. */
    public record Saved(String id, boolean created) {}

    private final Commands commands;
    private final Queries queries;
    private final UniqueClaims claims;
    private final IdSequences ids;
    private final ProviderConnections connections;
    private final Clock clock;

    public ProviderRegistration(Commands commands, Queries queries, UniqueClaims claims, IdSequences ids,
                                ProviderConnections connections, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.claims = claims;
        this.ids = ids;
        this.connections = connections;
        this.clock = clock;
    }

    public Saved save(Actor actor, String ownerId, ProviderSettings settings) {
        refuseDisabled(settings.platform());
        String key = DbaasClaims.providerKey(ownerId, settings.providerName());
        String existing = claims.holder(DbaasClaims.PROVIDER_SCOPE, key);
        boolean created = false;
        if (existing == null) {
            long number = ids.next("dbaas_provider");
            String id = ProviderMessages.id(number);
            try {
                commands.send(new RegisterProvider(id, number, ownerId, settings), actor);
                existing = id;
                created = true;
            } catch (RuleViolation refused) {
                // a second save of the same pair that ran at the same time created it: update that one
                existing = claims.holder(DbaasClaims.PROVIDER_SCOPE, key);
                if (refused.kind() != RuleViolation.Kind.CONFLICT || existing == null) {
                    throw refused;
                }
            }
        }
        if (!created) {
            commands.send(new UpdateProvider(existing, ownerId, settings), actor);
        }
        ProviderConnections.Result result = connections.check(settings);
        commands.send(new RecordProviderConnection(existing, result.connected(), result.detail(), clock.instant()), actor);
        return new Saved(existing, created);
    }

    private void refuseDisabled(Platform platform) {
        if (platform == null) {
            return;
        }
        for (CatalogueView entry : queries.list(new ListCatalogue(), CatalogueView.class)) {
            if (entry.platform() == platform && !entry.enabled()) {
                throw RuleViolation.invalid(null, platform.displayName() + " providers have been disabled by an administrator.");
            }
        }
    }
}

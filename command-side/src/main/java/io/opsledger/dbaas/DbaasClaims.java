package io.opsledger.dbaas;

import io.opsledger.common.RuleViolation;
import io.opsledger.common.claims.Claim;
import io.opsledger.common.claims.ClaimRules;
import io.opsledger.common.claims.UniqueClaims;
import io.opsledger.dbaas.api.ClusterMessages.ClusterTornDown;
import io.opsledger.dbaas.api.ClusterMessages.RequestCluster;
import io.opsledger.dbaas.api.ProjectMessages.CreateProject;
import io.opsledger.dbaas.api.ProjectMessages.ProjectRenamed;
import io.opsledger.dbaas.api.ProjectMessages.RenameProject;
import io.opsledger.dbaas.api.ProviderMessages.ProviderUpdated;
import io.opsledger.dbaas.api.ProviderMessages.RegisterProvider;
import io.opsledger.dbaas.api.ProviderMessages.UpdateProvider;
import io.opsledger.dbaas.api.ProviderSettings;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * The dbaas context's unique values: one provider record per (user, provider_name), the name in
 * any case; one project of a name per user; one live cluster of a name per project. The provider's claim also finds the record a second
 * POST for the same pair updates ({@link #providerKey}).
 */
@Component
@ProcessingGroup(ClaimRules.GROUP)
public class DbaasClaims implements ClaimRules {

    public static final String PROVIDER_SCOPE = "dbaas.provider";
    public static final String PROJECT_SCOPE = "dbaas.project";
    public static final String DUPLICATE_PROVIDER = "You already have a provider of this name.";
    public static final String DUPLICATE_PROJECT = "Project already exists";
    public static final String DUPLICATE_PROJECT_NAME = "Project with the new name already exists";
    public static final String CLUSTER_SCOPE = "dbaas.cluster";
    public static final String DUPLICATE_CLUSTER = "A cluster of this name already exists in this project.";

    private final UniqueClaims claims;

    public DbaasClaims(UniqueClaims claims) {
        this.claims = claims;
    }

    /** What a user's provider of this name is claimed under. */
    public static String providerKey(String ownerId, String providerName) {
        return ownerId + "\n" + (providerName == null ? "" : providerName.strip().toLowerCase(Locale.ROOT));
    }

    static String clusterKey(String projectId, String name) {
        return projectId + "\n" + (name == null ? "" : name.strip());
    }

    static String projectKey(String ownerId, String name) {
        return ownerId + "\n" + (name == null ? "" : name.strip());
    }

    @Override
    public List<Claim> claimsOf(Object command) {
        if (command instanceof RegisterProvider c && named(c.settings())) {
            return List.of(provider(c.id(), c.ownerId(), c.settings().providerName()));
        }
        if (command instanceof UpdateProvider c && named(c.settings())) {
            return List.of(provider(c.id(), c.ownerId(), c.settings().providerName()));
        }
        if (command instanceof CreateProject c && c.name() != null && !c.name().isBlank()) {
            return List.of(new Claim(PROJECT_SCOPE, projectKey(c.ownerId(), c.name()), c.id(),
                    RuleViolation.invalid(null, DUPLICATE_PROJECT)));
        }
        if (command instanceof RenameProject c && c.name() != null && !c.name().isBlank()) {
            return List.of(new Claim(PROJECT_SCOPE, projectKey(c.ownerId(), c.name()), c.id(),
                    RuleViolation.invalid(null, DUPLICATE_PROJECT_NAME)));
        }
        if (command instanceof RequestCluster c && c.spec() != null && c.spec().name() != null && !c.spec().name().isBlank()) {
            return List.of(new Claim(CLUSTER_SCOPE, clusterKey(c.projectId(), c.spec().name()), c.id(),
                    RuleViolation.conflict("cluster_name", DUPLICATE_CLUSTER)));
        }
        return List.of();
    }

    private static boolean named(ProviderSettings settings) {
        return settings != null && settings.providerName() != null && !settings.providerName().isBlank();
    }

    private static Claim provider(String id, String ownerId, String providerName) {
        return new Claim(PROVIDER_SCOPE, providerKey(ownerId, providerName), id,
                RuleViolation.conflict("provider_name", DUPLICATE_PROVIDER));
    }

    @EventHandler
    void on(ProviderUpdated e) {
        claims.keepOnly(PROVIDER_SCOPE, e.id(), providerKey(e.ownerId(), e.settings().providerName()));
    }

    /** A torn-down cluster's name is free again in its project. */
    @EventHandler
    void on(ClusterTornDown e) { claims.release(CLUSTER_SCOPE, clusterKey(e.projectId(), e.name()), e.id()); }

    @EventHandler
    void on(ProjectRenamed e) { claims.keepOnly(PROJECT_SCOPE, e.id(), projectKey(e.ownerId(), e.name())); }
}

package io.opsledger.gateway.aws;

import static io.opsledger.gateway.aws.DiscoveryFields.detail;
import static io.opsledger.gateway.aws.DiscoveryFields.nameOr;
import static io.opsledger.gateway.aws.DiscoveryFields.put;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * Discovers who and what may act: IAM roles and users, Secrets Manager secrets.
 */
final class SecurityDiscovery {

    static final Map<String, ServiceDiscoverer> BY_TYPE = Map.of(
            "IAM", SecurityDiscovery::iamRolesAndUsers,
            "SECRETSMANAGER", SecurityDiscovery::secrets);

    private SecurityDiscovery() {
    }

    private static List<DiscoveredResource> iamRolesAndUsers(DiscoveryScope c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (IamClient iam = c.globalClient(IamClient.builder())) {
            for (Role role : iam.listRolesPaginator(b -> { }).roles()) {
                Map<String, String> tags = new LinkedHashMap<>();
                detail(() -> iam.listRoleTags(b -> b.roleName(role.roleName())).tags())
                        .ifPresent(list -> list.forEach(t -> tags.put(t.key(), t.value())));
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "kind", "role");
                put(meta, "path", role.path());
                put(meta, "role_id", role.roleId());
                put(meta, "created", role.createDate());
                put(meta, "description", role.description());
                found.add(new DiscoveredResource("IAM", nameOr(tags, role.roleName()), role.arn(), role.roleName(),
                        DiscoveryScope.GLOBAL, tags, List.of(), List.of(), meta));
            }
            for (User user : iam.listUsersPaginator(b -> { }).users()) {
                Map<String, String> tags = new LinkedHashMap<>();
                detail(() -> iam.listUserTags(b -> b.userName(user.userName())).tags())
                        .ifPresent(list -> list.forEach(t -> tags.put(t.key(), t.value())));
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "kind", "user");
                put(meta, "path", user.path());
                put(meta, "user_id", user.userId());
                put(meta, "created", user.createDate());
                put(meta, "password_last_used", user.passwordLastUsed());
                found.add(new DiscoveredResource("IAM", nameOr(tags, user.userName()), user.arn(), user.userName(),
                        DiscoveryScope.GLOBAL, tags, List.of(), List.of(), meta));
            }
        }
        return found;
    }

    private static List<DiscoveredResource> secrets(DiscoveryScope c) {
        List<DiscoveredResource> found = new ArrayList<>();
        try (SecretsManagerClient sm = c.client(SecretsManagerClient.builder())) {
            for (SecretListEntry secret : (Iterable<SecretListEntry>) sm.listSecretsPaginator(b -> { }).stream()
                    .flatMap(page -> page.secretList().stream())::iterator) {
                Map<String, String> tags = new LinkedHashMap<>();
                secret.tags().forEach(t -> tags.put(t.key(), t.value()));
                Map<String, Object> meta = new LinkedHashMap<>();
                put(meta, "description", secret.description());
                put(meta, "rotation_enabled", secret.rotationEnabled());
                put(meta, "last_changed", secret.lastChangedDate());
                put(meta, "last_accessed", secret.lastAccessedDate());
                put(meta, "kms_key_id", secret.kmsKeyId());
                found.add(new DiscoveredResource("SECRETSMANAGER", nameOr(tags, secret.name()), secret.arn(),
                        secret.name(), c.region(), tags, List.of(), List.of(), meta));
            }
        }
        return found;
    }
}

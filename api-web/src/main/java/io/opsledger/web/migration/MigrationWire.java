package io.opsledger.web.migration;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.common.Queries;
import io.opsledger.migration.api.MigrationIds;
import io.opsledger.migration.api.MigrationQueries.*;
import io.opsledger.platform.IdSequences;
import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import io.opsledger.web.RequestContext;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * api_migration's wire format, shared by its resource controllers: the caller (every object belongs
 * to its creator), integer ids in paths and bodies, and the nested answers of its serializers
 * (a workload's credentials and storage, a target's cloud_credentials and target_vm, a migration's
 * mount points, source and target). Rules about the objects live in the migration aggregates.
 */
@Component
public class MigrationWire {

    /** What every answer shows instead of a credential's password (NOTES.md: secrets are write-only). */
    public static final String HIDDEN = "********";

    // ---- the answers, in DRF's field order (ModelSerializer: id, declared nested fields, model fields)

    @Schema(name = "Credentials", description = "Credentials; the password is write-only")
    public record Credential(long id, String username, @Schema(example = HIDDEN) String password, String domain) {}

    @Schema(name = "MountPoint")
    public record MountPoint(long id, String mount_point_name, long total_size_of_the_volume) {}

    @Schema(name = "WorkLoad")
    public record WorkLoad(long id, @Schema(nullable = true) Credential credentials, List<MountPoint> storage, String ip) {}

    @Schema(name = "MigrationTarget")
    public record Target(long id, @Schema(nullable = true) Credential cloud_credentials,
                         @Schema(nullable = true) WorkLoad target_vm,
                         @Schema(allowableValues = {"aws", "azure", "vsphere", "vcloud"}) String cloud_type) {}

    @Schema(name = "Migration")
    public record Migration(long id, List<MountPoint> selected_mount_points, @Schema(nullable = true) WorkLoad source_of_type,
                            @Schema(nullable = true) Target migration_target,
                            @Schema(allowableValues = {"not_started", "running", "success", "error"}) String migration_state) {}

    // ---- the requests, for the OpenAPI document (bodies are JSON, urlencoded or multipart)

    @Schema(name = "CredentialsRequest")
    public record CredentialRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 50) String username,
                                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 50, format = "password",
                                            description = "write-only: answers show \"" + HIDDEN + "\"") String password,
                                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100) String domain) {}

    @Schema(name = "MountPointRequest")
    public record MountPointRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100) String mount_point_name,
                                    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", format = "int64")
                                    Long total_size_of_the_volume) {}

    @Schema(name = "WorkLoadRequest")
    public record WorkLoadRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 50,
            description = "unique; cannot be changed once set") String ip,
                                  @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "a credentials id") Long credentials,
                                  @ArraySchema(minItems = 1, arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                          description = "mount point ids (repeat the field in a form)"))
                                  List<Long> storage) {}

    @Schema(name = "MigrationTargetRequest")
    public record TargetRequest(@Schema(allowableValues = {"aws", "azure", "vsphere", "vcloud"}, defaultValue = "aws") String cloud_type,
                                @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "a credentials id") Long cloud_credentials,
                                @Schema(nullable = true, description = "a workload id; null clears it") Long target_vm) {}

    @Schema(name = "MigrationRequest")
    public record MigrationRequest(@ArraySchema(minItems = 1, arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
            description = "mount point ids (repeat the field in a form)")) List<Long> selected_mount_points,
                                   @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "a workload id") Long source_of_type,
                                   @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "a migration target id")
                                   Long migration_target) {}

    private final Queries queries;
    private final IdSequences ids;

    public MigrationWire(Queries queries, IdSequences ids) {
        this.queries = queries;
        this.ids = ids;
    }

    /** The caller's user id, which owns what they make; 401 without a credential. */
    public static String owner(RequestContext ctx) {
        return ctx.requireUser().userId();
    }

    /** A new object's integer id, from its type's sequence. */
    public long next(MigrationIds type) {
        return ids.next(type.sequence());
    }

    /** The id in a path; anything but a positive integer finds nothing (DRF's get_object_or_404). */
    public static long number(String id) {
        try {
            long number = Long.parseLong(id);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // not found, below
        }
        throw notFound();
    }

    public static ApiException notFound() {
        return ApiException.notFound("Not found.");
    }

    // ---- reading bodies

    /**
     * A whole number (DRF's IntegerField, 64 bits like SQLite's integers), or null when absent; a
     * text that is not one is this field's error.
     */
    public static Long whole(Fields f, String name) {
        JsonNode node = f.node(name);
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isValueNode() && !node.isBoolean()) {
            String text = node.asText().trim();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                try { // "12.0" is an integer to DRF
                    java.math.BigDecimal decimal = new java.math.BigDecimal(text);
                    if (decimal.stripTrailingZeros().scale() <= 0) {
                        return decimal.longValueExact();
                    }
                } catch (NumberFormatException | ArithmeticException ignored) {
                    // below
                }
            }
        }
        f.error(name, "A valid integer is required.");
        return null;
    }

    /** One object's id (DRF's PrimaryKeyRelatedField): null when absent, null or empty. */
    public static Long reference(Fields f, String name) {
        JsonNode node = f.node(name);
        if (node == null || node.isTextual() && node.asText().isBlank()) {
            return null;
        }
        return pk(f, name, node);
    }

    /** A required reference: "This field is required." when absent or empty. */
    public static Long requireReference(Fields f, String name) {
        JsonNode node = f.node(name);
        if (node == null || node.isTextual() && node.asText().isBlank()) {
            f.error(name, "This field is required.");
            return null;
        }
        return pk(f, name, node);
    }

    /**
     * A list of ids: a JSON list, the repeated values of a form field, or a single value (a form
     * with one). Null when absent; with {@code required}, an empty list is "This field is required."
     */
    public static List<Long> references(Fields f, String name, boolean required) {
        JsonNode node = f.node(name);
        if (node == null) {
            if (required) {
                f.error(name, "This field is required.");
            }
            return null;
        }
        List<Long> out = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                Long pk = pk(f, name, item);
                if (pk == null) {
                    return null;
                }
                if (!out.contains(pk)) {
                    out.add(pk);
                }
            }
        } else if (node.isObject()) {
            f.error(name, "Expected a list of items but got type \"dict\".");
            return null;
        } else if (!(node.isTextual() && node.asText().isBlank())) {
            Long pk = pk(f, name, node);
            if (pk == null) {
                return null;
            }
            out.add(pk);
        }
        if (out.isEmpty()) {
            f.error(name, "This field is required.");
            return null;
        }
        return out;
    }

    private static Long pk(Fields f, String name, JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.asText().trim());
            } catch (NumberFormatException ignored) {
                // below
            }
        }
        f.error(name, "Incorrect type. Expected pk value, received " + pythonType(node) + ".");
        return null;
    }

    private static String pythonType(JsonNode node) {
        return node.isTextual() ? "str" : node.isBoolean() ? "bool" : node.isIntegralNumber() ? "int"
                : node.isNumber() ? "float" : node.isArray() ? "list" : node.isObject() ? "dict" : "NoneType";
    }

    /** A text field of DRF's CharField: required (on create, or when given), not blank, at most {@code max} characters. */
    public static String text(Fields f, String name, int max, boolean required) {
        if (f.present(name) && f.node(name) == null) {
            f.error(name, "This field may not be null.");
            return null;
        }
        String value = required || f.present(name) ? f.requireText(name) : null;
        f.maxLength(name, max);
        return value == null ? null : value.trim();
    }

    // ---- answers: each request reads the caller's objects of a type at most once

    /** The nested answers of one request, reading each of the caller's object types at most once. */
    public Nesting nesting(String owner) {
        return new Nesting(owner);
    }

    public final class Nesting {
        private final String owner;
        private Map<Long, CredentialView> credentials;
        private Map<Long, MountPointView> mountPoints;
        private Map<Long, WorkLoadView> workLoads;
        private Map<Long, MigrationTargetView> targets;

        private Nesting(String owner) {
            this.owner = owner;
        }

        public Credential credential(CredentialView view) {
            return new Credential(view.number(), view.username(), HIDDEN, view.domain());
        }

        public MountPoint mountPoint(MountPointView view) {
            return new MountPoint(view.number(), view.name(), view.totalSize());
        }

        public WorkLoad workLoad(WorkLoadView view) {
            return new WorkLoad(view.number(), credentialOf(view.credentials()), mountPointsOf(view.storage()), view.ip());
        }

        public Target target(MigrationTargetView view) {
            return new Target(view.number(), credentialOf(view.cloudCredentials()),
                    view.targetVm() == null ? null : workLoadOf(view.targetVm()), view.cloudType().name());
        }

        public Migration migration(MigrationView view) {
            return new Migration(view.number(), mountPointsOf(view.selectedMountPoints()), workLoadOf(view.source()),
                    targetOf(view.target()), view.state().name());
        }

        private Credential credentialOf(long number) {
            if (credentials == null) {
                credentials = byNumber(queries.list(new ListCredentials(owner), CredentialView.class), CredentialView::number);
            }
            CredentialView view = credentials.get(number);
            return view == null ? null : credential(view);
        }

        private List<MountPoint> mountPointsOf(List<Long> numbers) {
            if (mountPoints == null) {
                mountPoints = byNumber(queries.list(new ListMountPoints(owner), MountPointView.class), MountPointView::number);
            }
            List<MountPoint> out = new ArrayList<>();
            if (numbers != null) {
                numbers.stream().sorted().map(mountPoints::get).filter(java.util.Objects::nonNull)
                        .forEach(view -> out.add(mountPoint(view)));
            }
            return out;
        }

        private WorkLoad workLoadOf(long number) {
            if (workLoads == null) {
                workLoads = byNumber(queries.list(new ListWorkLoads(owner), WorkLoadView.class), WorkLoadView::number);
            }
            WorkLoadView view = workLoads.get(number);
            return view == null ? null : workLoad(view);
        }

        private Target targetOf(long number) {
            if (targets == null) {
                targets = byNumber(queries.list(new ListMigrationTargets(owner), MigrationTargetView.class),
                        MigrationTargetView::number);
            }
            MigrationTargetView view = targets.get(number);
            return view == null ? null : target(view);
        }
    }

    private static <V> Map<Long, V> byNumber(List<V> views, ToLongFunction<V> number) {
        Map<Long, V> out = new HashMap<>();
        for (V view : views) {
            out.put(number.applyAsLong(view), view);
        }
        return out;
    }

    /** A list answer: the original ordered every model by pk, with no pagination. */
    public static <V, R> List<R> inOrder(List<V> views, ToLongFunction<V> number, Function<V, R> render) {
        return views.stream().sorted(Comparator.comparingLong(number)).map(render).toList();
    }
}

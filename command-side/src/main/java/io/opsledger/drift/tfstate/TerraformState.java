package io.opsledger.drift.tfstate;

import io.opsledger.drift.tfstate.StateEditException.Reason;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Terraform state, format version 4 (what {@code terraform.tfstate} holds). Immutable: the edits
 * return a new state whose serial is one higher and whose lineage is the same, as Terraform does
 * for every write. {@link TerraformStates} reads and writes the JSON.
 *
 * @param version          the format version (always 4)
 * @param terraformVersion the Terraform version that last wrote it, e.g. {@code 1.5.0}
 * @param serial           increases with every write
 * @param lineage          a UUID fixed when the state was created
 * @param outputs          root module outputs by name (never null)
 * @param resources        resource blocks in file order (never null)
 * @param extra            other top-level keys (e.g. {@code check_results}), kept as they were (never null)
 */
public record TerraformState(int version, String terraformVersion, long serial, String lineage,
                             Map<String, StateOutput> outputs, List<StateResource> resources,
                             Map<String, Object> extra) {

    public static final int FORMAT_VERSION = 4;

    public TerraformState {
        outputs = outputs == null ? Map.of() : outputs;
        resources = resources == null ? List.of() : resources;
        extra = extra == null ? Map.of() : extra;
    }

    /** An empty state, as {@code terraform init} leaves a new workspace. */
    public static TerraformState empty(String terraformVersion, String lineage) {
        return new TerraformState(FORMAT_VERSION, terraformVersion, 1, lineage, Map.of(), List.of(), Map.of());
    }

    /** The resource at {@code address} ({@code [module.m.][data.]type.name}). */
    public Optional<StateResource> find(String address) {
        ResourceAddress parsed = ResourceAddress.parse(address);
        return resources.stream().filter(parsed::matches).findFirst();
    }

    /**
     * Records a managed resource that exists in the cloud under {@code resourceId}, without asking the
     * cloud (its attributes hold the id only; the next refresh fills them in). The provider is
     * {@code registry.terraform.io/hashicorp/<prefix of the type>}.
     */
    public TerraformState importResource(String resourceType, String resourceName, String resourceId) {
        if (resourceId == null || resourceId.isBlank()) {
            throw new StateEditException(Reason.INVALID, "A resource id is required.");
        }
        ResourceAddress address = address(resourceType + "." + resourceName);
        if (address.module() != null || !StateResource.MANAGED.equals(address.mode())) {
            throw new StateEditException(Reason.INVALID, "Only managed resources of the root module can be imported.");
        }
        if (resources.stream().anyMatch(address::matches)) {
            throw new StateEditException(Reason.ALREADY_EXISTS, "Resource " + address + " is already in the state.");
        }
        List<StateResource> next = new ArrayList<>(resources);
        next.add(new StateResource(null, StateResource.MANAGED, address.type(), address.name(), null,
                providerFor(address.type()), List.of(ResourceInstance.imported(resourceId)), Map.of()));
        return revised(next);
    }

    /** {@code terraform state mv FROM TO} for whole resources: same type, new module path and/or name. */
    public TerraformState move(String fromAddress, String toAddress) {
        ResourceAddress from = address(fromAddress);
        ResourceAddress to = address(toAddress);
        int index = indexOf(from);
        if (index < 0) {
            throw new StateEditException(Reason.NOT_FOUND, "Resource " + from + " is not in the state.");
        }
        if (!from.type().equals(to.type()) || !from.mode().equals(to.mode())) {
            throw new StateEditException(Reason.INVALID, "Cannot move " + from + " to " + to
                    + ": the resource type must stay the same.");
        }
        if (indexOf(to) >= 0) {
            throw new StateEditException(Reason.ALREADY_EXISTS, "Resource " + to + " is already in the state.");
        }
        List<StateResource> next = new ArrayList<>(resources);
        next.set(index, resources.get(index).movedTo(to));
        return revised(next);
    }

    /** {@code terraform state rm ADDRESS} for a whole resource. */
    public TerraformState remove(String address) {
        ResourceAddress parsed = address(address);
        int index = indexOf(parsed);
        if (index < 0) {
            throw new StateEditException(Reason.NOT_FOUND, "Resource " + parsed + " is not in the state.");
        }
        List<StateResource> next = new ArrayList<>(resources);
        next.remove(index);
        return revised(next);
    }

    /** The same content written once more: serial + 1, same lineage. */
    public TerraformState nextSerial() { return revised(resources); }

    /** {@code provider["registry.terraform.io/hashicorp/aws"]} for {@code aws_instance}. */
    public static String providerFor(String resourceType) {
        int cut = resourceType.indexOf('_');
        String name = cut > 0 ? resourceType.substring(0, cut) : resourceType;
        return "provider[\"registry.terraform.io/hashicorp/" + name + "\"]";
    }

    private TerraformState revised(List<StateResource> next) {
        return new TerraformState(version, terraformVersion, serial + 1, lineage, new LinkedHashMap<>(outputs),
                List.copyOf(next), extra);
    }

    private int indexOf(ResourceAddress address) {
        for (int i = 0; i < resources.size(); i++) {
            if (address.matches(resources.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static ResourceAddress address(String text) {
        try {
            return ResourceAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new StateEditException(Reason.INVALID, e.getMessage());
        }
    }
}

package io.opsledger.drift.tfstate;

import java.util.List;
import java.util.Map;

/**
 * One resource block of a Terraform state (format 4).
 *
 * @param module    the module path ({@code module.vpc} or {@code module.a.module.b}), or null for the root module
 * @param mode      {@code managed} or {@code data}
 * @param type      e.g. {@code aws_instance}
 * @param name      e.g. {@code web}
 * @param each      {@code list} (count) or {@code map} (for_each), or null
 * @param provider  e.g. {@code provider["registry.terraform.io/hashicorp/aws"]}
 * @param instances the instances (never null)
 * @param extra     any other keys of the resource object, kept as they were (never null)
 */
public record StateResource(String module, String mode, String type, String name, String each, String provider,
                            List<ResourceInstance> instances, Map<String, Object> extra) {

    public static final String MANAGED = "managed";
    public static final String DATA = "data";

    public StateResource {
        instances = instances == null ? List.of() : instances;
        extra = extra == null ? Map.of() : extra;
    }

    /** The resource's address: {@code [module.x.]type.name}, {@code data.type.name} for data sources. */
    public String address() {
        String local = (DATA.equals(mode) ? "data." : "") + type + "." + name;
        return module == null || module.isEmpty() ? local : module + "." + local;
    }

    /** The address of one of its instances, e.g. {@code aws_instance.web[0]}. */
    public String address(ResourceInstance instance) {
        return address() + instance.indexSuffix();
    }

    /** The same resource under another module path and name (type and provider unchanged). */
    public StateResource movedTo(ResourceAddress to) {
        return new StateResource(to.module(), mode, type, to.name(), each, provider, instances, extra);
    }
}

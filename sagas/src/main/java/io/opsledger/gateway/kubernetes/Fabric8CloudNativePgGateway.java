package io.opsledger.gateway.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.opsledger.gateway.PlatformCallFailed;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@link CloudNativePgGateway} over the fabric8 client. */
public final class Fabric8CloudNativePgGateway implements CloudNativePgGateway {

    static final String CRD_NAME = "clusters.postgresql.cnpg.io";
    /** Named outright: fabric8 would otherwise ask the API's discovery for the plural on every call. */
    private static final ResourceDefinitionContext CLUSTERS = new ResourceDefinitionContext.Builder()
            .withGroup("postgresql.cnpg.io").withVersion("v1").withKind("Cluster").withPlural("clusters")
            .withNamespaced(true).build();

    private final Fabric8Calls calls;

    /** @param timeout how long connecting and each request may take */
    public Fabric8CloudNativePgGateway(Duration timeout) {
        this.calls = new Fabric8Calls(timeout);
    }

    @Override
    public void ensureNamespace(KubernetesAccess access, String namespace, Map<String, String> labels) {
        calls.call(access, "create namespace " + namespace, client -> {
            if (client.namespaces().withName(namespace).get() == null) {
                try {
                    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                            .withLabels(labels).endMetadata().build()).create();
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409) { // made meanwhile by another cluster of the project
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void applyBasicAuthSecret(KubernetesAccess access, String namespace, String name, String username,
                                     String password, Map<String, String> labels) {
        calls.call(access, "write secret " + namespace + "/" + name, client -> {
            client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name)
                    .withNamespace(namespace).withLabels(labels).endMetadata()
                    .withType("kubernetes.io/basic-auth")
                    .addToStringData("username", username).addToStringData("password", password).build())
                    .createOr(op -> op.update());
            return null;
        });
    }

    @Override
    public void applyCluster(KubernetesAccess access, PostgresCluster cluster) {
        calls.call(access, "create CloudNativePG cluster " + cluster.namespace() + "/" + cluster.name(), client -> {
            requireOperator(client);
            clusters(client).inNamespace(cluster.namespace()).resource(manifest(cluster)).createOr(op -> op.update());
            return null;
        });
    }

    @Override
    public Optional<PostgresClusterStatus> clusterStatus(KubernetesAccess access, String namespace, String name) {
        return calls.call(access, "read CloudNativePG cluster " + namespace + "/" + name, client -> {
            GenericKubernetesResource found = clusters(client).inNamespace(namespace).withName(name).get();
            if (found == null) {
                return Optional.empty();
            }
            Object status = found.getAdditionalProperties().get("status");
            Map<?, ?> s = status instanceof Map<?, ?> m ? m : Map.of();
            return Optional.of(new PostgresClusterStatus(number(s.get("instances")), number(s.get("readyInstances")),
                    text(s.get("phase")), text(s.get("phaseReason"))));
        });
    }

    @Override
    public void delete(KubernetesAccess access, String kind, String namespace, String name) {
        calls.call(access, "delete " + kind + " " + (namespace == null || namespace.isEmpty() ? "" : namespace + "/") + name,
                client -> {
                    Resource<?> resource = switch (kind) {
                        case NAMESPACE_KIND -> client.namespaces().withName(name);
                        case SECRET_KIND -> client.secrets().inNamespace(namespace).withName(name);
                        case CLUSTER_KIND -> clusters(client).inNamespace(namespace).withName(name);
                        default -> throw new PlatformCallFailed("OpsLedger does not remove Kubernetes " + kind + " resources");
                    };
                    try {
                        resource.delete();
                    } catch (KubernetesClientException e) {
                        if (e.getCode() != 404) {
                            throw e;
                        }
                    }
                    return null;
                });
    }

    @Override
    public boolean holdsClusters(KubernetesAccess access, String namespace) {
        return calls.call(access, "list CloudNativePG clusters in " + namespace, client -> {
            try {
                return !clusters(client).inNamespace(namespace).list().getItems().isEmpty();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) { // no CloudNativePG at all
                    return false;
                }
                throw e;
            }
        });
    }

    private static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> clusters(
            KubernetesClient client) {
        return client.genericKubernetesResources(CLUSTERS);
    }

    /**
     * Fails when CloudNativePG is not installed. A user who may not read CRDs (403) is let through:
     * then the create itself tells.
     */
    private static void requireOperator(KubernetesClient client) {
        CustomResourceDefinition crd;
        try {
            crd = client.apiextensions().v1().customResourceDefinitions().withName(CRD_NAME).get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return;
            }
            throw e;
        }
        if (crd == null) {
            throw new PlatformCallFailed("CloudNativePG is not installed in this Kubernetes cluster (no CustomResourceDefinition "
                    + CRD_NAME + "); install the operator first");
        }
    }

    static GenericKubernetesResource manifest(PostgresCluster c) {
        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("size", c.storageSize());
        if (c.storageClass() != null) {
            storage.put("storageClass", c.storageClass());
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("instances", c.instances());
        spec.put("imageName", c.imageName());
        spec.put("storage", storage);
        if (c.superuser()) {
            spec.put("enableSuperuserAccess", true);
            spec.put("superuserSecret", Map.of("name", c.secretName()));
        } else {
            spec.put("bootstrap", Map.of("initdb", Map.of("database", c.database(), "owner", c.owner(),
                    "secret", Map.of("name", c.secretName()))));
        }
        if (c.backupDestination() != null) {
            spec.put("backup", Map.of("barmanObjectStore", Map.of("destinationPath", c.backupDestination(),
                    "s3Credentials", Map.of("inheritFromIAMRole", true))));
        }
        return new GenericKubernetesResourceBuilder().withApiVersion("postgresql.cnpg.io/v1").withKind("Cluster")
                .withNewMetadata().withName(c.name()).withNamespace(c.namespace()).withLabels(c.labels()).endMetadata()
                .addToAdditionalProperties("spec", spec).build();
    }

    private static int number(Object value) { return value instanceof Number n ? n.intValue() : 0; }

    private static String text(Object value) { return value == null ? null : value.toString(); }
}

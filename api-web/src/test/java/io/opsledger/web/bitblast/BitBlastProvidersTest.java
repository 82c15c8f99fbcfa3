package io.opsledger.web.bitblast;

import io.opsledger.identity.api.Role;
import io.opsledger.testing.CloudStackMock;
import io.opsledger.testing.KubernetesMock;
import io.opsledger.testing.OpenStackMock;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BitBlastProvidersTest extends BitBlastTest {

    @Test
    void aKubernetesProviderIsCheckedForRealAndItsKubeconfigIsNeverShown() {
        try (KubernetesMock kubernetes = KubernetesMock.start()) {
            TestUser user = user(Role.STANDARD);
            String body = new String(send("POST", "/api/v1/providers/", user,
                    Map.of("provider_name", "Kubernetes", "key_name", " ", "kubeconfig_data", kubernetes.kubeconfig()))
                    .expectStatus().isCreated().expectBody()
                    .jsonPath("$.id").isNumber()
                    .jsonPath("$.provider_name").isEqualTo("Kubernetes")
                    .jsonPath("$.kubeconfig_data").isEqualTo("********")
                    .jsonPath("$.secret_key").isEqualTo("")
                    .jsonPath("$.is_connected").isEqualTo(true)
                    .returnResult().getResponseBody());
            assertThat(body).doesNotContain(KubernetesMock.TOKEN);

            // a second POST for the same provider updates the record, keeps its id and checks again
            int id = (Integer) send("GET", "/api/v1/providers/by-username-and-name/kubernetes/", user, null).expectStatus().isCreated()
                    .expectBody(Map.class).returnResult().getResponseBody().get("id");
            send("POST", "/api/v1/providers/", user, Map.of("provider_name", "Kubernetes",
                    "kubeconfig_data", KubernetesMock.kubeconfigFor("http://127.0.0.1:1")))
                    .expectStatus().isOk().expectBody()
                    .jsonPath("$.id").isEqualTo(id)
                    .jsonPath("$.is_connected").isEqualTo(false)
                    .jsonPath("$.connection_detail").value(d -> assertThat((String) d).isNotBlank());
            send("GET", "/api/v1/providers/user-providers/", user, null).expectStatus().isCreated().expectBody()
                    .jsonPath("$.length()").isEqualTo(1)
                    .jsonPath("$[0].id").isEqualTo(id);
        }
    }

    @Test
    void cloudStackAndOpenStackProvidersAreCheckedAndFeedTheCatalogueReads() {
        try (CloudStackMock cloudStack = CloudStackMock.start(); OpenStackMock openStack = OpenStackMock.start()) {
            TestUser user = user(Role.STANDARD);
            send("GET", "/api/v1/compute_offerings/", user, null).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.error").isNotEmpty();
            send("POST", "/api/v1/providers/", user, Map.of("provider_name", "CloudStack", "provider_url", cloudStack.url(),
                    "access_token", CloudStackMock.API_KEY, "secret_key", CloudStackMock.SECRET_KEY))
                    .expectStatus().isCreated().expectBody()
                    .jsonPath("$.is_connected").isEqualTo(true)
                    .jsonPath("$.access_token").isEqualTo("********")
                    .jsonPath("$.secret_key").isEqualTo("********");
            send("GET", "/api/v1/compute_offerings/", user, null).expectStatus().isOk().expectBody()
                    .jsonPath("$.compute_offerings").isNotEmpty()
                    .jsonPath("$.compute_offerings[0].name").isNotEmpty()
                    .jsonPath("$.compute_offerings[0].cpunumber").isNumber();

            send("POST", "/api/v1/providers/", user, Map.of("provider_name", "Openstack", "auth_url", openStack.url(),
                    "OpenstackUsername", OpenStackMock.USERNAME, "OpenstackPassword", "wrong-password",
                    "tenant_name", OpenStackMock.PROJECT_NAME, "region", OpenStackMock.REGION))
                    .expectStatus().isCreated().expectBody().jsonPath("$.is_connected").isEqualTo(false);
            send("POST", "/api/v1/providers/", user, Map.of("provider_name", "OpenStack", "OpenstackPassword", OpenStackMock.PASSWORD))
                    .expectStatus().isOk().expectBody()
                    .jsonPath("$.is_connected").isEqualTo(true)
                    .jsonPath("$.openstackpassword").isEqualTo("********")
                    .jsonPath("$.openStackuser").isEqualTo(OpenStackMock.USERNAME);
            send("GET", "/api/v1/flavors/", user, null).expectStatus().isOk().expectBody()
                    .jsonPath("$[0].flavors.flavor_id").isNotEmpty()
                    .jsonPath("$[0].ram").isNumber();

            // the catalogue says which platforms the caller reaches
            send("GET", "/api/v1/provider-list/", user, null).expectStatus().isCreated().expectBody()
                    .jsonPath("$.length()").isEqualTo(7)
                    .jsonPath("$[?(@.provider_name == 'CloudStack')].is_connected").isEqualTo(List.of(true))
                    .jsonPath("$[?(@.provider_name == 'Kubernetes')].is_connected").isEqualTo(List.of(false));
        }
    }

    @Test
    void providersAreTheirOwnersAndTheCatalogueIsTheAdmins() {
        TestUser owner = user(Role.STANDARD);
        TestUser other = user(Role.STANDARD);
        TestUser admin = user(Role.ADMIN);
        send("POST", "/api/v1/providers/", owner, Map.of("provider_name", "VMware", "provider_url", "https://vc.example"))
                .expectStatus().isCreated().expectBody().jsonPath("$.is_connected").isEqualTo(false);
        send("GET", "/api/v1/providers/by-username-and-name/VMware/", other, null).expectStatus().isNotFound()
                .expectBody().json("{\"detail\":\"Not found.\"}", true);
        send("GET", "/api/v1/providers/user-providers/", other, null).expectStatus().isCreated().expectBody().jsonPath("$.length()").isEqualTo(0);
        send("POST", "/api/v1/providers/", owner, Map.of("key_name", "x")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.provider_name[0]").isEqualTo("This field is required.");
        send("GET", "/api/v1/providers/", null, null).expectStatus().isUnauthorized();

        send("POST", "/api/v1/toggle-provider-status/7/", owner, null).expectStatus().isForbidden();
        send("POST", "/api/v1/toggle-provider-status/99/", admin, null).expectStatus().isNotFound()
                .expectBody().json("{\"detail\":\"Not found.\"}", true);
        send("POST", "/api/v1/toggle-provider-status/7/", admin, null).expectStatus().isOk()
                .expectBody().json("{\"provider_id\":7,\"is_enabled\":false,\"provider_name\":\"VMware\"}", true);
        send("POST", "/api/v1/providers/", owner, Map.of("provider_name", "VMware", "provider_url", "https://vc2.example"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.error").value(e -> assertThat((String) e).contains("disabled"));
        send("POST", "/api/v1/toggle-provider-status/7/", admin, null).expectStatus().isOk()
                .expectBody().jsonPath("$.is_enabled").isEqualTo(true);
    }
}

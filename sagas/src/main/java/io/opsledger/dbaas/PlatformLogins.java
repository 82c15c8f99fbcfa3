package io.opsledger.dbaas;

import io.opsledger.common.SecretCipher;
import io.opsledger.dbaas.api.ProviderSettings;
import io.opsledger.gateway.cloudstack.CloudStackGateway.CloudStackLogin;
import io.opsledger.gateway.openstack.OpenStackGateway.OpenStackLogin;

/**
 * Which of a provider record's fields log in to its platform (bitblast-api.md's "All Providers
 * Parameters"), decrypted for one call: CloudStack's provider_url, access_token (the API key) and
 * secret_key; Kubernetes' kubeconfig_data; OpenStack's auth_url, OpenstackUsername,
 * OpenstackPassword, tenant_name and region; OpenShift's api_url, OpenShift_username and
 * OpenShift_password.
 */
public class PlatformLogins {

    /** A field the platform needs is empty; the message names it as the contract does. */
    public static class MissingCredentials extends RuntimeException {
        MissingCredentials(String message) { super(message); }
    }

    public record OpenShiftLogin(String apiUrl, String username, String password) {}

    private final SecretCipher cipher;

    public PlatformLogins(SecretCipher cipher) {
        this.cipher = cipher;
    }

    public String kubeconfig(ProviderSettings s) {
        return required("kubeconfig_data", cipher.decrypt(s.kubeconfig()));
    }

    public OpenShiftLogin openShift(ProviderSettings s) {
        return new OpenShiftLogin(text("api_url", s.apiUrl()), text("OpenShift_username", s.openshiftUsername()),
                required("OpenShift_password", cipher.decrypt(s.openshiftPassword())));
    }

    public OpenStackLogin openStack(ProviderSettings s) {
        return new OpenStackLogin(text("auth_url", s.authUrl()), text("OpenstackUsername", s.openstackUsername()),
                required("OpenstackPassword", cipher.decrypt(s.openstackPassword())), text("tenant_name", s.tenantName()),
                null, null, blankToNull(s.region()));
    }

    public CloudStackLogin cloudStack(ProviderSettings s) {
        return new CloudStackLogin(text("provider_url", s.providerUrl()), required("access_token", cipher.decrypt(s.accessToken())),
                required("secret_key", cipher.decrypt(s.secretKey())));
    }

    /** A secret as given (a password may end in a space); other fields without surrounding blanks. */
    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new MissingCredentials(field + " is required to reach this provider.");
        }
        return value;
    }

    private static String text(String field, String value) {
        return required(field, value).strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

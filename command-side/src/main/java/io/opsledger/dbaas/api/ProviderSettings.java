package io.opsledger.dbaas.api;

import io.opsledger.common.EncryptedSecret;

/**
 * What a user registered for one provider (bitblast-api.md's provider fields). The credentials
 * (secret_key, access_token, kubeconfig_data and the two passwords) only ever travel encrypted.
 * Which fields matter depends on the platform: CloudStack's provider_url with access_token (the API
 * key) and secret_key, Kubernetes' kubeconfig, OpenStack's auth_url, user, tenant, password and
 * region, OpenShift's api_url, user and password.
 */
public record ProviderSettings(String providerName, String keyName, String providerUrl, EncryptedSecret secretKey,
                               EncryptedSecret accessToken, EncryptedSecret kubeconfig, String openstackUsername,
                               String tenantName, EncryptedSecret openstackPassword, String authUrl, String region,
                               String openshiftUsername, EncryptedSecret openshiftPassword, String apiUrl) {

    /** The platform its provider_name names, or null. */
    public Platform platform() { return Platform.named(providerName); }
}

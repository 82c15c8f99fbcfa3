package io.opsledger.gateway.openshift;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.gateway.CallFailures;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.PlatformHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@link OpenShiftGateway} over the JDK's HTTP client: an OAuth login per call (see
 * {@link OpenShiftOAuth}), the Kubernetes API with the token it gives, and a logout afterwards so
 * that checks leave no live tokens behind.
 */
public final class OAuthOpenShiftGateway implements OpenShiftGateway {

    private final PlatformHttp http;
    private final OpenShiftOAuth oauth;

    /** @param timeout how long connecting and each answer may take */
    public OAuthOpenShiftGateway(Duration timeout) {
        this.http = new PlatformHttp(timeout);
        this.oauth = new OpenShiftOAuth(http);
    }

    @Override
    public String check(String apiUrl, String username, String password) {
        return withLogin(apiUrl, username, password, "/version", "read its version", version -> {
            String gitVersion = version.path("gitVersion").asText("");
            if (gitVersion.isBlank()) {
                throw new PlatformCallFailed("OpenShift API at " + CallFailures.where(apiUrl)
                        + " answered /version without a gitVersion");
            }
            return gitVersion;
        });
    }

    @Override
    public List<String> storageClassNames(String apiUrl, String username, String password) {
        return withLogin(apiUrl, username, password, "/apis/storage.k8s.io/v1/storageclasses",
                "list its storage classes", list -> {
                    List<String> names = new ArrayList<>();
                    list.path("items").forEach(item -> names.add(item.path("metadata").path("name").asText()));
                    return names;
                });
    }

    @Override
    public <T> T withToken(String apiUrl, String username, String password, BiFunction<String, String, T> work) {
        URI api = api(apiUrl);
        String token = oauth.login(api, username, password);
        try {
            return work.apply(api.toString(), token);
        } finally {
            oauth.logout(api, token);
        }
    }

    private <T> T withLogin(String apiUrl, String username, String password, String path, String what,
                            Function<JsonNode, T> read) {
        URI api = api(apiUrl);
        String token = oauth.login(api, username, password);
        JsonNode answer;
        try {
            answer = get(api, path, what, username, token);
        } catch (PlatformCallFailed e) {
            if (!(e.getCause() instanceof IOException)) {
                oauth.logout(api, token); // an API that did not answer would not answer this either
            }
            throw e;
        }
        oauth.logout(api, token);
        return read.apply(answer);
    }

    private JsonNode get(URI api, String path, String what, String username, String token) {
        String platform = "OpenShift API at " + CallFailures.where(api.toString());
        HttpResponse<String> response = http.send(http.request(api.resolve(path)).GET()
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .build(), platform);
        return switch (response.statusCode()) {
            case 200 -> PlatformHttp.json(response, platform);
            case 401 -> throw new PlatformCallFailed(platform + " refused the token its OAuth server gave (401)");
            case 403 -> throw new PlatformCallFailed(platform + " does not allow user " + username + " to " + what
                    + " (403)");
            default -> throw new PlatformCallFailed(platform + " answered " + response.statusCode() + " when asked to "
                    + what);
        };
    }

    /** The API's root (scheme, host and port): OpenShift serves it at the root only. */
    private static URI api(String apiUrl) {
        try {
            URI uri = URI.create(apiUrl == null ? "" : apiUrl.strip());
            if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/");
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new PlatformCallFailed("The OpenShift API URL must be an http(s) URL such as https://api.cluster.example.com:6443");
    }
}

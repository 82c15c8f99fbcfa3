package io.opsledger.gateway.openshift;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.gateway.CallFailures;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.PlatformHttp;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The login {@code oc login -u -p} does: find the cluster's OAuth server in the API's
 * {@code /.well-known/oauth-authorization-server}, ask its authorization endpoint for a token as
 * the {@code openshift-challenging-client} with Basic credentials, and read the token from the
 * fragment of the redirect it answers with. The token is never logged nor put in a message.
 */
final class OpenShiftOAuth {

    static final String FAILED = "Failed to login to OpenShift: ";
    private static final String TOKEN_PREFIX = "sha256~";

    private final PlatformHttp http;

    OpenShiftOAuth(PlatformHttp http) {
        this.http = http;
    }

    /** A bearer token for the user, or a {@link PlatformCallFailed} starting with {@value #FAILED}. */
    String login(URI api, String username, String password) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new PlatformCallFailed(FAILED + "the username or password is missing");
        }
        try {
            URI authorize = authorizationEndpoint(api);
            return token(authorize, username, password);
        } catch (PlatformCallFailed e) {
            throw e.getMessage().startsWith(FAILED) ? e : new PlatformCallFailed(FAILED + e.getMessage(), e);
        }
    }

    /** Deletes the token's OAuthAccessToken as {@code oc logout} does; a failure only leaves it to expire. */
    void logout(URI api, String token) {
        if (!token.startsWith(TOKEN_PREFIX)) {
            return; // older clusters name the object after the token itself: not worth sending it again
        }
        try {
            http.send(http.request(api.resolve("/apis/oauth.openshift.io/v1/oauthaccesstokens/" + objectName(token)))
                    .DELETE().header("Authorization", "Bearer " + token).build(), "OpenShift API");
        } catch (PlatformCallFailed ignored) {
            // the token expires on its own (24 h by default)
        }
    }

    private URI authorizationEndpoint(URI api) {
        String platform = "OpenShift API at " + CallFailures.where(api.toString());
        HttpResponse<String> response = http.send(http.request(api.resolve("/.well-known/oauth-authorization-server"))
                .GET().header("Accept", "application/json").build(), platform);
        if (response.statusCode() != 200) {
            throw new PlatformCallFailed(FAILED + platform + " answered " + response.statusCode()
                    + " for its OAuth server's metadata (is it an OpenShift API URL?)");
        }
        JsonNode metadata = PlatformHttp.json(response, platform);
        String endpoint = metadata.path("authorization_endpoint").asText("");
        try {
            URI uri = URI.create(endpoint);
            if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new PlatformCallFailed(FAILED + platform + " names no usable authorization_endpoint in its OAuth metadata");
    }

    private String token(URI authorize, String username, String password) {
        String platform = "OpenShift OAuth server at " + CallFailures.where(authorize.toString());
        String basic = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        URI request = URI.create(authorize + (authorize.getRawQuery() == null ? "?" : "&")
                + "response_type=token&client_id=openshift-challenging-client");
        HttpResponse<String> response = http.send(http.request(request).GET()
                .header("Authorization", "Basic " + basic)
                .header("X-CSRF-Token", "1")
                .build(), platform);
        if (response.statusCode() == 401) {
            throw new PlatformCallFailed(FAILED + platform + " refused the username or password (401)");
        }
        if (response.statusCode() != 302 && response.statusCode() != 303) {
            throw new PlatformCallFailed(FAILED + platform + " answered " + response.statusCode()
                    + " instead of redirecting with a token");
        }
        Map<String, String> answer = parameters(response.headers().firstValue("Location").orElse(""));
        return Optional.ofNullable(answer.get("access_token"))
                .filter(token -> !token.isBlank())
                .orElseThrow(() -> new PlatformCallFailed(FAILED + platform + " gave no token"
                        + (answer.containsKey("error") ? ": " + answer.get("error")
                        + (answer.containsKey("error_description") ? " (" + answer.get("error_description") + ")" : "")
                        : "")));
    }

    /** The parameters of a redirect's fragment (where the token is) or, for errors, its query. */
    private static Map<String, String> parameters(String location) {
        Map<String, String> parameters = new HashMap<>();
        int fragment = location.indexOf('#');
        int query = location.indexOf('?');
        String part = fragment >= 0 ? location.substring(fragment + 1)
                : query >= 0 ? location.substring(query + 1) : "";
        for (String pair : part.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                parameters.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    /** OAuthAccessToken objects are named after the SHA-256 of the token, not the token. */
    static String objectName(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(token.substring(TOKEN_PREFIX.length()).getBytes(StandardCharsets.UTF_8));
            return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

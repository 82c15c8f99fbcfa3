package io.opsledger.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The JDK's HTTP client as the platform gateways use it: one timeout for connecting and for each
 * answer, redirects never followed (a login's redirect carries its token), and every failure to
 * get an answer turned into a {@link PlatformCallFailed} that names the platform.
 */
public final class PlatformHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration timeout;

    public PlatformHttp(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A request builder with the timeout set. */
    public HttpRequest.Builder request(java.net.URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout);
    }

    /**
     * Sends the request; {@code platform} names who was asked in failure messages (e.g. "CloudStack
     * at https://cloud.example.com/client/api").
     */
    public HttpResponse<String> send(HttpRequest request, String platform) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PlatformCallFailed(CallFailures.transport(e, platform, timeout)
                    .orElse(platform + " could not be reached"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformCallFailed("The call to " + platform + " was interrupted", e);
        }
    }

    /** The answer's body as JSON, or a failure saying the platform answered something else. */
    public static JsonNode json(HttpResponse<String> response, String platform) {
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body == null || body.isMissingNode()) {
                throw new PlatformCallFailed(platform + " answered " + response.statusCode() + " with an empty body");
            }
            return body;
        } catch (JsonProcessingException e) {
            // the body may be a login page or a proxy's error page: say so, without quoting it
            throw new PlatformCallFailed(platform + " answered " + response.statusCode()
                    + " with something that is not JSON (" + contentType(response) + ")");
        }
    }

    /** The timeout every call has. */
    public Duration timeout() {
        return timeout;
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("no content type");
    }
}

package io.opsledger.gateway.cloudstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.gateway.CallFailures;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.PlatformHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** {@link CloudStackGateway} with signed GET requests over the JDK's HTTP client. */
public final class SignedCloudStackGateway implements CloudStackGateway {

    private static final String API_PATH = "/client/api";

    private final PlatformHttp http;

    /** @param timeout how long connecting and each answer may take */
    public SignedCloudStackGateway(Duration timeout) {
        this.http = new PlatformHttp(timeout);
    }

    @Override
    public List<String> zones(CloudStackLogin login) {
        return list(login, "listZones", "zone", zone -> zone.path("name").asText());
    }

    @Override
    public List<ComputeOffering> computeOfferings(CloudStackLogin login) {
        return list(login, "listServiceOfferings", "serviceoffering", offering -> new ComputeOffering(
                offering.path("name").asText(), offering.path("cpunumber").asInt(),
                offering.path("cpuspeed").asInt(), offering.path("memory").asInt()));
    }

    private <T> List<T> list(CloudStackLogin login, String command, String itemsField, Function<JsonNode, T> item) {
        JsonNode answer = call(login, command);
        List<T> items = new ArrayList<>();
        // an empty list comes as {"listzonesresponse":{}}
        answer.path(itemsField).forEach(node -> items.add(item.apply(node)));
        return items;
    }

    /** The {@code <command>response} object of a successful call. */
    private JsonNode call(CloudStackLogin login, String command) {
        URI endpoint = endpoint(login.apiUrl());
        String platform = "CloudStack at " + CallFailures.where(endpoint.toString());
        if (login.apiKey() == null || login.apiKey().isBlank() || login.secretKey() == null || login.secretKey().isBlank()) {
            throw new PlatformCallFailed("The CloudStack API key or secret key is missing");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("command", command);
        parameters.put("response", "json");
        parameters.put("apiKey", login.apiKey());
        String signature = CloudStackSignature.sign(parameters, login.secretKey());
        URI uri = URI.create(endpoint + "?" + CloudStackSignature.query(parameters)
                + "&signature=" + CloudStackSignature.encode(signature));

        HttpResponse<String> response = http.send(http.request(uri).GET().header("Accept", "application/json").build(),
                platform);
        String responseField = command.toLowerCase(Locale.ROOT) + "response";
        if (response.statusCode() != 200) {
            throw refusal(response, platform, command, responseField);
        }
        JsonNode answer = PlatformHttp.json(response, platform).path(responseField);
        if (!answer.isObject()) {
            throw new PlatformCallFailed(platform + " answered " + command + " without a " + responseField
                    + " (is the URL CloudStack's " + API_PATH + "?)");
        }
        return answer;
    }

    private static PlatformCallFailed refusal(HttpResponse<String> response, String platform, String command,
                                              String responseField) {
        String errorText = errorText(response, platform, responseField);
        String why = errorText.isBlank() ? "" : ": " + errorText;
        if (response.statusCode() == 401) {
            return new PlatformCallFailed(platform + " refused the API key or its signature (401)" + why
                    + "; check the API key and secret key");
        }
        if (errorText.isBlank()) {
            return new PlatformCallFailed(platform + " answered " + response.statusCode() + " to " + command
                    + " (is the URL CloudStack's " + API_PATH + "?)");
        }
        return new PlatformCallFailed(platform + " refused " + command + " (" + response.statusCode() + ")" + why);
    }

    /** CloudStack's errortext, in the command's response object or (older versions) in any other. */
    private static String errorText(HttpResponse<String> response, String platform, String responseField) {
        JsonNode body;
        try {
            body = PlatformHttp.json(response, platform);
        } catch (PlatformCallFailed notJson) {
            return "";
        }
        JsonNode error = body.has(responseField) ? body.path(responseField)
                : body.isObject() && body.size() == 1 ? body.elements().next() : body;
        return error.path("errortext").asText("");
    }

    /** The API endpoint; a bare management server address gets CloudStack's API path. */
    static URI endpoint(String apiUrl) {
        if (apiUrl == null || apiUrl.isBlank()) {
            throw new PlatformCallFailed("The CloudStack API URL is missing");
        }
        URI uri;
        try {
            uri = URI.create(apiUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new PlatformCallFailed("The CloudStack API URL is not a URL");
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new PlatformCallFailed("The CloudStack API URL must be an http(s) URL");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        if (path.isEmpty() || path.equals("/client")) {
            path = API_PATH;
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path);
    }
}

package io.opsledger.gateway.cloudstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsledger.gateway.CallFailures;
import io.opsledger.gateway.PlatformCallFailed;
import io.opsledger.gateway.PlatformHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@link CloudStackGateway} with signed requests over the JDK's HTTP client: GET, or POST with a
 * form body when the request would be too long for a URL (user data).
 */
public final class SignedCloudStackGateway implements CloudStackGateway {

    private static final String API_PATH = "/client/api";
    /** Longer queries go by POST; CloudStack takes at most 4 KB of user data by GET. */
    static final int LONGEST_GET_QUERY = 2048;
    /** States of a VM that is on its way out and must not be taken for the one asked for. */
    private static final Set<String> GOING = Set.of("Destroyed", "Expunging", "Expunged");

    private final PlatformHttp http;

    /** @param timeout how long connecting and each answer may take */
    public SignedCloudStackGateway(Duration timeout) {
        this.http = new PlatformHttp(timeout);
    }

    @Override
    public List<String> zones(CloudStackLogin login) {
        return list(login, "listZones", Map.of(), "zone", zone -> zone.path("name").asText());
    }

    @Override
    public List<ComputeOffering> computeOfferings(CloudStackLogin login) {
        return list(login, "listServiceOfferings", Map.of(), "serviceoffering", offering -> new ComputeOffering(
                offering.path("name").asText(), offering.path("cpunumber").asInt(),
                offering.path("cpuspeed").asInt(), offering.path("memory").asInt()));
    }

    @Override
    public Deployment deployVirtualMachine(CloudStackLogin login, VmSpec spec) {
        required(spec == null ? null : spec.name(), "virtual machine's name");
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("zoneid", required(spec.zoneId(), "zone id"));
        arguments.put("serviceofferingid", required(spec.serviceOfferingId(), "service offering id"));
        arguments.put("templateid", required(spec.templateId(), "template id"));
        if (spec.diskOfferingId() != null && !spec.diskOfferingId().isBlank()) {
            arguments.put("diskofferingid", spec.diskOfferingId());
        }
        arguments.put("name", spec.name());
        arguments.put("displayname", spec.name());
        if (spec.userData() != null && !spec.userData().isEmpty()) {
            arguments.put("userdata", Base64.getEncoder().encodeToString(spec.userData().getBytes(StandardCharsets.UTF_8)));
        }

        Optional<VirtualMachine> existing = virtualMachineNamed(login, spec.name());
        if (existing.isPresent()) {
            return new Deployment(existing.get().id(), null);
        }
        JsonNode answer = call(login, "deployVirtualMachine", arguments, "of " + spec.name());
        return new Deployment(field(login, answer, "deployVirtualMachine", "id"),
                field(login, answer, "deployVirtualMachine", "jobid"));
    }

    @Override
    public AsyncJob asyncJob(CloudStackLogin login, String jobId) {
        required(jobId, "job id");
        JsonNode answer = call(login, "queryAsyncJobResult", Map.of("jobid", jobId), "of job " + jobId);
        JsonNode status = answer.path("jobstatus");
        if (!status.isInt() || status.asInt() < AsyncJob.PENDING || status.asInt() > AsyncJob.FAILED) {
            throw new PlatformCallFailed(platform(login) + " answered queryAsyncJobResult of job " + jobId
                    + " without a jobstatus of 0, 1 or 2");
        }
        String errorText = null;
        if (status.asInt() == AsyncJob.FAILED) {
            // a failed job's jobresult is {"errorcode": 530, "errortext": "..."}
            JsonNode result = answer.path("jobresult");
            errorText = result.path("errortext").asText("");
            if (errorText.isBlank()) {
                errorText = "CloudStack gave no reason (jobresultcode " + answer.path("jobresultcode").asText("?") + ")";
            }
        }
        return new AsyncJob(jobId, status.asInt(), errorText);
    }

    @Override
    public Optional<VirtualMachine> virtualMachine(CloudStackLogin login, String vmId) {
        required(vmId, "virtual machine id");
        try {
            return list(login, "listVirtualMachines", Map.of("id", vmId), "virtualmachine",
                    SignedCloudStackGateway::virtualMachine).stream()
                    .filter(vm -> vmId.equals(vm.id()))
                    .findFirst();
        } catch (Refused refused) {
            if (refused.gone()) {
                return Optional.empty();
            }
            throw refused;
        }
    }

    @Override
    public Optional<VirtualMachine> virtualMachineNamed(CloudStackLogin login, String name) {
        // CloudStack's name filter may match more than the exact name
        return list(login, "listVirtualMachines", Map.of("name", name), "virtualmachine",
                SignedCloudStackGateway::virtualMachine).stream()
                .filter(vm -> name.equals(vm.name()) && !GOING.contains(vm.state()))
                .findFirst();
    }

    @Override
    public String destroyVirtualMachine(CloudStackLogin login, String vmId) {
        if (virtualMachine(login, vmId).isEmpty()) {
            return null;
        }
        JsonNode answer;
        try {
            answer = call(login, "destroyVirtualMachine", Map.of("id", vmId, "expunge", "true"), "of VM " + vmId);
        } catch (Refused refused) {
            if (refused.gone()) {
                return null;
            }
            throw refused;
        }
        return field(login, answer, "destroyVirtualMachine", "jobid");
    }

    @Override
    public String zoneId(CloudStackLogin login, String zoneName) {
        List<Named> zones = list(login, "listZones", Map.of("available", "true"), "zone", SignedCloudStackGateway::named);
        if (zoneName == null || zoneName.isBlank()) {
            return zones.stream().findFirst().map(Named::id).orElseThrow(() -> new PlatformCallFailed(
                    platform(login) + " has no zone available to this account"));
        }
        return find(login, zones, zoneName.strip(), "zone");
    }

    @Override
    public String serviceOfferingId(CloudStackLogin login, String nameOrId) {
        required(nameOrId, "service offering");
        return find(login, list(login, "listServiceOfferings", Map.of(), "serviceoffering", SignedCloudStackGateway::named),
                nameOrId.strip(), "service offering");
    }

    @Override
    public String diskOfferingId(CloudStackLogin login, String nameOrId) {
        required(nameOrId, "disk offering");
        return find(login, list(login, "listDiskOfferings", Map.of(), "diskoffering", SignedCloudStackGateway::named),
                nameOrId.strip(), "disk offering");
    }

    /** An id and a name, as every CloudStack list item has them. */
    private record Named(String id, String name) {}

    private static Named named(JsonNode node) {
        return new Named(node.path("id").asText(), node.path("name").asText());
    }

    private static VirtualMachine virtualMachine(JsonNode vm) {
        JsonNode address = vm.path("nic").path(0).path("ipaddress");
        return new VirtualMachine(vm.path("id").asText(), vm.path("name").asText(), vm.path("state").asText(),
                address.isTextual() && !address.asText().isBlank() ? address.asText() : null);
    }

    /** The item's id by exact id, then exact name, then name ignoring case. */
    private String find(CloudStackLogin login, List<Named> items, String nameOrId, String what) {
        return items.stream().filter(item -> item.id().equals(nameOrId)).findFirst()
                .or(() -> items.stream().filter(item -> item.name().equals(nameOrId)).findFirst())
                .or(() -> items.stream().filter(item -> item.name().equalsIgnoreCase(nameOrId)).findFirst())
                .map(Named::id)
                .orElseThrow(() -> new PlatformCallFailed(platform(login) + " has no " + what + " named or with id '"
                        + nameOrId + "'" + (items.isEmpty() ? "" : " (it has: "
                        + items.stream().map(Named::name).collect(Collectors.joining(", ")) + ")")));
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new PlatformCallFailed("The " + what + " is missing");
        }
        return value;
    }

    private String field(CloudStackLogin login, JsonNode answer, String command, String name) {
        String value = answer.path(name).asText("");
        if (value.isBlank()) {
            throw new PlatformCallFailed(platform(login) + " answered " + command + " without its " + name);
        }
        return value;
    }

    private static String platform(CloudStackLogin login) {
        return "CloudStack at " + CallFailures.where(endpoint(login.apiUrl()).toString());
    }

    private <T> List<T> list(CloudStackLogin login, String command, Map<String, String> arguments, String itemsField,
                             Function<JsonNode, T> item) {
        JsonNode answer = call(login, command, arguments, null);
        List<T> items = new ArrayList<>();
        // an empty list comes as {"listzonesresponse":{}}
        answer.path(itemsField).forEach(node -> items.add(item.apply(node)));
        return items;
    }

    /**
     * The {@code <command>response} object of a successful call; {@code subject} (e.g. "of VM x")
     * says in a failure's message what the command was about, or is null.
     */
    private JsonNode call(CloudStackLogin login, String command, Map<String, String> arguments, String subject) {
        URI endpoint = endpoint(login.apiUrl());
        String platform = "CloudStack at " + CallFailures.where(endpoint.toString());
        if (login.apiKey() == null || login.apiKey().isBlank() || login.secretKey() == null || login.secretKey().isBlank()) {
            throw new PlatformCallFailed("The CloudStack API key or secret key is missing");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("command", command);
        parameters.put("response", "json");
        parameters.putAll(arguments);
        parameters.put("apiKey", login.apiKey());
        String signature = CloudStackSignature.sign(parameters, login.secretKey());
        String query = CloudStackSignature.query(parameters) + "&signature=" + CloudStackSignature.encode(signature);

        HttpRequest request = query.length() <= LONGEST_GET_QUERY
                ? http.request(URI.create(endpoint + "?" + query)).GET().header("Accept", "application/json").build()
                : http.request(endpoint).POST(HttpRequest.BodyPublishers.ofString(query))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json").build();
        HttpResponse<String> response = http.send(request, platform);
        String responseField = command.toLowerCase(Locale.ROOT) + "response";
        if (response.statusCode() != 200) {
            throw refusal(response, platform, command, responseField, subject);
        }
        JsonNode answer = PlatformHttp.json(response, platform).path(responseField);
        if (!answer.isObject()) {
            throw new PlatformCallFailed(platform + " answered " + command + " without a " + responseField
                    + " (is the URL CloudStack's " + API_PATH + "?)");
        }
        return answer;
    }

    /** CloudStack said no; keeps its status and errortext so callers can tell "it is gone" apart. */
    private static final class Refused extends PlatformCallFailed {

        private final int status;
        private final String errorText;

        Refused(String message, int status, String errorText) {
            super(message);
            this.status = status;
            this.errorText = errorText;
        }

        /**
         * CloudStack's 431 for a VM it no longer has: "Unable to find a virtual machine with
         * specified vmId" from the service, or "... entity does not exist ..." when the id is
         * no longer known at all.
         */
        boolean gone() {
            String text = errorText.toLowerCase(Locale.ROOT);
            return status == 431 && (text.contains("unable to find") || text.contains("entity does not exist"));
        }
    }

    private static PlatformCallFailed refusal(HttpResponse<String> response, String platform, String command,
                                              String responseField, String subject) {
        String errorText = errorText(response, platform, responseField);
        String why = errorText.isBlank() ? "" : ": " + errorText;
        String tried = command + (subject == null ? "" : " " + subject);
        if (response.statusCode() == 401) {
            return new Refused(platform + " refused the API key or its signature (401)" + why
                    + "; check the API key and secret key", 401, errorText);
        }
        if (errorText.isBlank()) {
            return new Refused(platform + " answered " + response.statusCode() + " to " + tried
                    + " (is the URL CloudStack's " + API_PATH + "?)", response.statusCode(), errorText);
        }
        return new Refused(platform + " refused " + tried + " (" + response.statusCode() + ")" + why,
                response.statusCode(), errorText);
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

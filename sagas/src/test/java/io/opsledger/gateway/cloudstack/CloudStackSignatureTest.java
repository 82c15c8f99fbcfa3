package io.opsledger.gateway.cloudstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudStackSignatureTest {

    @Test
    void theCommandStringIsSortedByNameAndLowerCasedAsInTheDevelopersGuide() {
        // "Signing API Requests", step 2, for the guide's deployVirtualMachine example
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("command", "deployVirtualMachine");
        parameters.put("serviceOfferingId", "1");
        parameters.put("diskOfferingId", "1");
        parameters.put("templateId", "2");
        parameters.put("zoneId", "4");
        parameters.put("apiKey",
                "miVr6X7u6bN_sdahOBpjNejPgEsT35eXq-jB8CG20YI3yaxXcgpyuaIRmFI_EJTVwZ0nUkkJbPmY3y2bciKwFQ");

        assertThat(CloudStackSignature.query(parameters).toLowerCase(Locale.ROOT)).isEqualTo(
                "apikey=mivr6x7u6bn_sdahobpjnejpgest35exq-jb8cg20yi3yaxxcgpyuairmfi_ejtvwz0nukkjbpmy3y2bcikwfq"
                        + "&command=deployvirtualmachine&diskofferingid=1&serviceofferingid=1&templateid=2&zoneid=4");
    }

    @Test
    void theSignatureIsWhatAnIndependentImplementationComputes() {
        // expected value from Python's hmac/hashlib/urllib.parse.quote(value, safe='') on the same input
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("command", "listZones");
        parameters.put("response", "json");
        parameters.put("apiKey",
                "plgWJfZK4gyS3mOMTVmjUVg-X-jlWlnfaUJ9GAbBbf9EdM-kAYMmAiLqzzq1ElZLYq_u38zCm0bewzGUdP66mg");
        parameters.put("name", "zone one/AMS+1");
        parameters.put("available", "true");

        assertThat(CloudStackSignature.sign(parameters, "mock-secret-KhX9TnQ2vB7wR4pL0sZ8cY3uJ6eF1gD5aM_oIuY7tRe"))
                .isEqualTo("2gMZ2xV/JovihV+VNHGqutyt26Q=");
    }

    @Test
    void spacesAreEncodedAsPercentTwentyNotPlus() {
        assertThat(CloudStackSignature.encode("zone one/AMS+1")).isEqualTo("zone%20one%2FAMS%2B1");
    }
}

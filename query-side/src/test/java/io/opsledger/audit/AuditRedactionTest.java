package io.opsledger.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditRedactionTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void secretsAreMaskedAtAnyDepthAndTheRestStays() throws Exception {
        JsonNode event = json.readTree("""
                {"userId":"u1","username":"alice","passwordHash":"$2a$10$abc","settings":{"emailHostPassword":{"ciphertext":"xyz"},
                 "emailHost":"smtp.example.com","oidcClientSecret":null},"keys":[{"keyHash":"h","name":"ci"}],"token":{"ciphertext":"c"}}
                """);
        String redacted = AuditRedaction.redact(event).toString();
        assertThat(redacted).doesNotContain("$2a$10$abc").doesNotContain("xyz").doesNotContain("\"h\"").doesNotContain("\"c\"");
        assertThat(event.path("passwordHash").asText()).isEqualTo("********");
        assertThat(event.path("settings").path("emailHostPassword").asText()).isEqualTo("********");
        assertThat(event.path("settings").path("emailHost").asText()).isEqualTo("smtp.example.com");
        assertThat(event.path("settings").path("oidcClientSecret").isNull()).as("an unset secret stays visibly unset").isTrue();
        assertThat(event.path("keys").get(0).path("name").asText()).isEqualTo("ci");
        assertThat(event.path("username").asText()).isEqualTo("alice");
    }
}

package io.opsledger.web.migasfree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsledger.devices.crypto.RsaPem;
import io.opsledger.devices.crypto.SafeEnvelope;
import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire of migasfree's client API as the client speaks it, with envelopes made here: project
 * registration (credentials, pms), computers registered (201) then found (200, same id, also by
 * the swapped uuid, the MAC in the uuid and the name), and envelopes that must not open: another
 * server's key, another signer, altered data, garbage: 4xx, never 5xx.
 */
class MigasfreeSafeApiTest extends AppTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Keys(String project, String serverPublic, String projectPrivate) {}

    private Keys registerProject(TestUser user) {
        String project = "proj-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode keys = http().post().uri("/api/v1/public/keys/project/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", user.username(), "password", user.password(), "project", project,
                        "pms", "apt", "platform", "Linux", "architecture", "amd64"))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        return new Keys(project, keys.get("migasfree-server.pub").textValue(), keys.get("migasfree-client.pri").textValue());
    }

    private String wrap(Keys k, JsonNode data) {
        return SafeEnvelope.wrap(data, RsaPem.privateKey(k.projectPrivate()),
                RsaPem.publicKey(RsaPem.publicPemOf(k.projectPrivate())), RsaPem.publicKey(k.serverPublic()));
    }

    private EntityExchangeResult<JsonNode> post(String path, String project, String msg) {
        return http().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("msg", msg, "project", project))
                .exchange().expectBody(JsonNode.class).returnResult();
    }

    /** The server's answer opened as the client opens it. */
    private JsonNode open(Keys k, EntityExchangeResult<JsonNode> answer) {
        return SafeEnvelope.unwrap(answer.getResponseBody().get("msg").textValue(), RsaPem.privateKey(k.projectPrivate()),
                RsaPem.publicKey(k.serverPublic()));
    }

    private ObjectNode computer(TestUser user, String uuid, String name) {
        return JSON.createObjectNode().put("uuid", uuid).put("name", name).put("ip_address", "10.0.0.7")
                .put("username", user.username()).put("password", user.password());
    }

    @Test
    void aProjectNeedsAKnownUserAndAKnownPms() {
        TestUser user = user(Role.STANDARD);
        http().post().uri("/api/v1/public/keys/project/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", user.username(), "password", "wrong-password", "project", "p-x", "pms", "apt"))
                .exchange().expectStatus().isUnauthorized();
        http().post().uri("/api/v1/public/keys/project/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "", "password", "", "project", "p-x", "pms", "apt"))
                .exchange().expectStatus().isUnauthorized();
        TestUser reader = user(Role.READONLY);
        http().post().uri("/api/v1/public/keys/project/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", reader.username(), "password", reader.password(), "project", "p-x", "pms", "apt"))
                .exchange().expectStatus().isUnauthorized();
        http().post().uri("/api/v1/public/keys/project/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", user.username(), "password", user.password(), "project", "p-x", "pms", "brew"))
                .exchange().expectStatus().isBadRequest();
        // the same project twice: the same keys
        Keys first = registerProject(user);
        JsonNode again = http().post().uri("/api/v1/public/keys/project/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", user.username(), "password", user.password(), "project", first.project(),
                        "pms", "apt", "platform", "Linux", "architecture", "amd64"))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(again.get("migasfree-client.pri").textValue()).isEqualTo(first.projectPrivate());
        assertThat(again.get("migasfree-server.pub").textValue()).isEqualTo(first.serverPublic());
    }

    @Test
    void computersAreRegisteredOnceAndFoundByUuidSwappedUuidMacAndName() {
        TestUser user = user(Role.STANDARD);
        Keys k = registerProject(user);
        String uuid = "4C4C4544-0042-3010-8052-" + UUID.randomUUID().toString().substring(24).toUpperCase();
        String name = "pc-" + UUID.randomUUID().toString().substring(0, 8);

        EntityExchangeResult<JsonNode> created = post("/api/v1/safe/computers/", k.project(), wrap(k, computer(user, uuid, name)));
        assertThat(created.getStatus()).isEqualTo(HttpStatus.CREATED);
        long id = open(k, created).get("id").asLong();

        EntityExchangeResult<JsonNode> known = post("/api/v1/safe/computers/", k.project(), wrap(k, computer(user, uuid, name)));
        assertThat(known.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(open(k, known).get("id").asLong()).isEqualTo(id);

        // wrong credentials: 401, wrapped
        ObjectNode stranger = computer(user, uuid, name).put("password", "nope");
        EntityExchangeResult<JsonNode> refused = post("/api/v1/safe/computers/", k.project(), wrap(k, stranger));
        assertThat(refused.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(open(k, refused).textValue()).isEqualTo("Invalid credentials.");
        TestUser reader = user(Role.READONLY);
        EntityExchangeResult<JsonNode> readOnly = post("/api/v1/safe/computers/", k.project(), wrap(k, computer(reader, uuid, name)));
        assertThat(readOnly.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);

        String swapped = uuid.substring(6, 8) + uuid.substring(4, 6) + uuid.substring(2, 4) + uuid.substring(0, 2) + "-"
                + uuid.substring(11, 13) + uuid.substring(9, 11) + "-" + uuid.substring(16, 18) + uuid.substring(14, 16)
                + uuid.substring(18);
        for (ObjectNode ask : new ObjectNode[]{
                JSON.createObjectNode().put("uuid", uuid).put("name", "other"),
                JSON.createObjectNode().put("uuid", swapped).put("name", "other"),
                JSON.createObjectNode().put("uuid", "00000000-0000-0000-0000-" + uuid.substring(24)).put("name", "other"),
                JSON.createObjectNode().put("uuid", UUID.randomUUID().toString()).put("name", name)}) {
            EntityExchangeResult<JsonNode> found = post("/api/v1/safe/computers/id/", k.project(), wrap(k, ask));
            assertThat(found.getStatus()).as(ask.toString()).isEqualTo(HttpStatus.OK);
            assertThat(open(k, found).asLong()).as(ask.toString()).isEqualTo(id);
        }
        EntityExchangeResult<JsonNode> unknown = post("/api/v1/safe/computers/id/", k.project(),
                wrap(k, JSON.createObjectNode().put("uuid", UUID.randomUUID().toString()).put("name", "nobody")));
        assertThat(unknown.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);

        // another project's computer is not this project's
        Keys other = registerProject(user);
        EntityExchangeResult<JsonNode> foreign = post("/api/v1/safe/computers/id/", other.project(),
                wrap(other, JSON.createObjectNode().put("uuid", uuid).put("name", name)));
        assertThat(foreign.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);

        EntityExchangeResult<JsonNode> eot = post("/api/v1/safe/eot/", k.project(), wrap(k, JSON.createObjectNode().put("id", id)));
        assertThat(eot.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(open(k, eot).textValue()).isEqualTo("EOT OK");
    }

    @Test
    void aSyncByHandAnswersWhatTheClientExpects() {
        TestUser user = user(Role.STANDARD);
        Keys k = registerProject(user);
        String uuid = UUID.randomUUID().toString().toUpperCase();
        long id = open(k, post("/api/v1/safe/computers/", k.project(), wrap(k, computer(user, uuid, "byhand-" + uuid.substring(0, 8)))))
                .get("id").asLong();
        ObjectNode ask = JSON.createObjectNode().put("id", id);

        JsonNode properties = open(k, post("/api/v1/safe/computers/properties/", k.project(), wrap(k, ask)));
        assertThat(properties).extracting(p -> p.get("prefix").textValue())
                .contains("SET", "CID", "PLT", "IP", "NET", "HST", "USR");
        assertThat(properties).allSatisfy(p -> assertThat(p.get("language").textValue()).isIn("bash", "python"));

        ObjectNode attributes = JSON.createObjectNode().put("id", id).put("uuid", uuid).put("name", "byhand").put("fqdn", "byhand.lan")
                .put("ip_address", "10.0.0.9").put("sync_user", "root").put("sync_fullname", "root");
        attributes.putObject("sync_attributes").put("SET", "ALL SYSTEMS\n").put("HST", "byhand\n");
        EntityExchangeResult<JsonNode> traits = post("/api/v1/safe/computers/attributes/", k.project(), wrap(k, attributes));
        assertThat(traits.getStatus()).isEqualTo(HttpStatus.CREATED);
        assertThat(open(k, traits)).extracting(t -> t.get("prefix").textValue() + "=" + t.get("value").textValue())
                .containsExactly("SET=ALL SYSTEMS", "HST=byhand");

        assertThat(open(k, post("/api/v1/safe/computers/faults/definitions/", k.project(), wrap(k, ask))).isEmpty()).isTrue();
        ObjectNode faults = JSON.createObjectNode().put("id", id);
        faults.putObject("faults").put("LOW DISK", "95%");
        assertThat(post("/api/v1/safe/computers/faults/", k.project(), wrap(k, faults)).getStatus()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/v1/safe/computers/errors/", k.project(),
                wrap(k, JSON.createObjectNode().put("id", id).put("description", "apt failed"))).getStatus().is2xxSuccessful()).isTrue();
        assertThat(open(k, post("/api/v1/safe/computers/repositories/", k.project(), wrap(k, ask))).isArray()).isTrue();
        JsonNode mandatory = open(k, post("/api/v1/safe/computers/packages/mandatory/", k.project(), wrap(k, ask)));
        assertThat(mandatory.get("install").isArray() && mandatory.get("remove").isArray()).isTrue();

        assertThat(open(k, post("/api/v1/safe/computers/hardware/required/", k.project(), wrap(k, ask))).get("capture").asBoolean()).isTrue();
        ObjectNode hardware = JSON.createObjectNode().put("id", id);
        hardware.putObject("hardware").put("id", "byhand").put("class", "system").putArray("children").addObject().put("id", "core");
        assertThat(post("/api/v1/safe/computers/hardware/", k.project(), wrap(k, hardware)).getStatus()).isEqualTo(HttpStatus.CREATED);
        assertThat(open(k, post("/api/v1/safe/computers/hardware/required/", k.project(), wrap(k, ask))).get("capture").asBoolean()).isFalse();

        JsonNode devices = open(k, post("/api/v1/safe/computers/devices/", k.project(), wrap(k, ask)));
        assertThat(devices.isObject() && devices.isEmpty()).isTrue();
        assertThat(open(k, post("/api/v1/safe/computers/traits/", k.project(), wrap(k, ask)))).hasSize(2);
        EntityExchangeResult<JsonNode> end = post("/api/v1/safe/synchronizations/", k.project(), wrap(k, JSON.createObjectNode()
                .put("id", id).put("start_date", "2026-12-07T01:00:00.000001").put("consumer", "migasfree sync 5.0")
                .put("pms_status_ok", true)));
        assertThat(end.getStatus()).isEqualTo(HttpStatus.CREATED);

        // an id that is not a computer of this project
        assertThat(post("/api/v1/safe/computers/traits/", k.project(), wrap(k, JSON.createObjectNode().put("id", 999_999)))
                .getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post("/api/v1/safe/computers/traits/", k.project(), wrap(k, JSON.createObjectNode().put("id", "x")))
                .getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSoftwareInventoryOfSeveralHundredKbIsTakenAndTheNextIsItsDiff() {
        TestUser user = user(Role.STANDARD);
        TestUser admin = superadmin();
        Keys k = registerProject(user);
        String uuid = UUID.randomUUID().toString().toUpperCase();
        long id = open(k, post("/api/v1/safe/computers/", k.project(), wrap(k, computer(user, uuid, "big-" + uuid.substring(0, 8)))))
                .get("id").asLong();
        ObjectNode software = JSON.createObjectNode().put("id", id);
        var inventory = software.putArray("inventory");
        for (int i = 0; i < 6000; i++) {
            inventory.add("package-with-a-long-name-" + i + "_1:2.3.4-5+deb12u" + i + "_amd64.deb");
        }
        software.putObject("history");
        String msg = wrap(k, software);
        assertThat(msg.length()).isGreaterThan(300_000);
        EntityExchangeResult<JsonNode> first = post("/api/v1/safe/computers/software/", k.project(), msg);
        assertThat(first.getStatus()).as(String.valueOf(first.getResponseBody())).isEqualTo(HttpStatus.CREATED);

        inventory.remove(0);
        inventory.add("newcomer_1.0_all.deb");
        assertThat(post("/api/v1/safe/computers/software/", k.project(), wrap(k, software)).getStatus()).isEqualTo(HttpStatus.CREATED);

        // the history holds both inventories: more than a client buffers by default
        Map<String, Object> body = http().mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(16 << 20)).build()
                .get().uri("/api/v1/audit/aggregates/devices-computer:" + id + "/history")
                .header("Authorization", "Token " + admin.token()).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        List<Map<String, Object>> events = (List<Map<String, Object>>) ((Map<String, Object>) body.get("data")).get("events");
        List<Map<String, Object>> inventories = events.stream().filter(e -> "SoftwareInventoryReported".equals(e.get("eventType"))).toList();
        assertThat(inventories).hasSize(2);
        Map<String, Object> diff = (Map<String, Object>) inventories.get(1).get("payload");
        assertThat((List<String>) diff.get("installed")).containsExactly("newcomer_1.0_all.deb");
        assertThat((List<String>) diff.get("uninstalled")).containsExactly("package-with-a-long-name-0_1:2.3.4-5+deb12u0_amd64.deb");
        assertThat(((List<String>) diff.get("inventory"))).hasSize(6000);
    }

    @Test
    void envelopesThatDoNotOpenAre4xxNever5xx() throws Exception {
        TestUser user = user(Role.STANDARD);
        Keys k = registerProject(user);
        ObjectNode data = JSON.createObjectNode().put("uuid", UUID.randomUUID().toString()).put("name", "x");
        RsaPem.Pair stranger = RsaPem.generate();

        // encrypted to another server
        String toAnotherServer = SafeEnvelope.wrap(data, RsaPem.privateKey(k.projectPrivate()),
                RsaPem.publicKey(RsaPem.publicPemOf(k.projectPrivate())), RsaPem.publicKey(stranger.publicPem()));
        assertRefused(post("/api/v1/safe/computers/id/", k.project(), toAnotherServer), "Invalid Data");

        // signed by a key that is not the project's
        String wrongSigner = SafeEnvelope.wrap(data, RsaPem.privateKey(stranger.privatePem()),
                RsaPem.publicKey(stranger.publicPem()), RsaPem.publicKey(k.serverPublic()));
        assertRefused(post("/api/v1/safe/computers/id/", k.project(), wrongSigner), "Invalid Signature");

        // the data altered under the project's genuine signature of the original data, encrypted to the server
        ObjectNode signedClaims = JSON.createObjectNode();
        signedClaims.set("data", JSON.createObjectNode().put("uuid", "00000000-0000-0000-0000-000000000000").put("name", "x"));
        String genuine = SafeEnvelope.wrap(data, RsaPem.privateKey(k.projectPrivate()),
                RsaPem.publicKey(RsaPem.publicPemOf(k.projectPrivate())), RsaPem.publicKey(stranger.publicPem()));
        JsonNode opened = SafeEnvelope.decrypt(genuine, RsaPem.privateKey(stranger.privatePem()));
        signedClaims.put("sign", opened.get("sign").textValue());
        String altered = SafeEnvelope.encrypt(signedClaims.toString(), RsaPem.publicKey(k.serverPublic()));
        assertRefused(post("/api/v1/safe/computers/id/", k.project(), altered), "Invalid Signature");

        for (String garbage : new String[]{"garbage", "{}", "{\"protected\":\"x\",\"encrypted_key\":\"x\",\"iv\":\"x\",\"ciphertext\":\"x\",\"tag\":\"x\"}"}) {
            assertRefused(post("/api/v1/safe/computers/id/", k.project(), garbage), "Invalid Data");
        }
        // no msg at all, a msg that is not text, an unknown project
        assertThat(http().post().uri("/api/v1/safe/computers/id/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("project", k.project())).exchange().returnResult(String.class).getStatus().is4xxClientError()).isTrue();
        assertThat(http().post().uri("/api/v1/safe/computers/id/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("project", k.project(), "msg", Map.of("a", 1))).exchange().returnResult(String.class)
                .getStatus().is4xxClientError()).isTrue();
        assertThat(post("/api/v1/safe/computers/id/", "no-such-project", wrap(k, data)).getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private static void assertRefused(EntityExchangeResult<JsonNode> answer, String detail) {
        assertThat(answer.getStatus().value()).as(String.valueOf(answer.getResponseBody())).isEqualTo(400);
        assertThat(answer.getResponseBody().get("detail").textValue()).isEqualTo(detail);
    }

    @Test
    void publicEndpointsAnswerAsTheClientReadsThem() {
        JsonNode key = http().get().uri("/api/v1/public/keys/repositories/").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(key.isTextual()).isTrue();
        assertThat(key.textValue()).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----").contains("-----END PGP PUBLIC KEY BLOCK-----");
        http().post().uri("/api/v1/public/keys/repositories/").exchange().expectStatus().isOk();
        http().get().uri("/api/v1/public/server/info/").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.version").isEqualTo(MigasfreePublicController.SERVER_VERSION);
        http().get().uri("/manager/v1/public/synchronizations/availability/").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ok");
        http().post().uri("/manager/v1/public/synchronizations/availability/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("msg", "x", "project", "p")).exchange().expectStatus().isOk();
        // mTLS is not served: the client skips it on 404
        http().get().uri("/manager/v1/public/ca").exchange().expectStatus().isNotFound();
    }
}

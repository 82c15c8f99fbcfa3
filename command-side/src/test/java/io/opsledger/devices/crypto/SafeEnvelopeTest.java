package io.opsledger.devices.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The envelope against migasfree-client's own secure.py: envelope-vectors.json was made once by
 * make-envelope-vectors.py (beside it, in src/test/resources/devices) with the client's
 * secure.wrap; the other way round runs the client's secure.unwrap live when Debian's
 * python3-jwcrypto and the client's source (shared/peers/migasfree-client) are here.
 */
class SafeEnvelopeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode vectors() throws Exception {
        try (InputStream in = SafeEnvelopeTest.class.getResourceAsStream("/devices/envelope-vectors.json")) {
            return JSON.readTree(in);
        }
    }

    private static RSAPrivateKey priv(JsonNode v, String name) { return RsaPem.privateKey(v.get(name).textValue()); }

    private static RSAPublicKey pub(JsonNode v, String name) { return RsaPem.publicKey(v.get(name).textValue()); }

    @Test
    void pythonDumpsIsByteForByteTheClients() throws Exception {
        JsonNode v = vectors();
        assertThat(PythonJson.dumps(v.get("data"))).isEqualTo(v.get("python_dumps").textValue());
        assertThat(PythonJson.floatRepr(123456.789)).isEqualTo("123456.789");
        assertThat(PythonJson.floatRepr(1e22)).isEqualTo("1e+22");
        assertThat(PythonJson.floatRepr(-0.0001)).isEqualTo("-0.0001");
        assertThat(PythonJson.floatRepr(100.0)).isEqualTo("100.0");
        assertThat(PythonJson.dumps(JSON.readTree("[\"\\u007f\\u0001\", {}, [], -3]"))).isEqualTo("[\"\\u007f\\u0001\", {}, [], -3]");
    }

    @Test
    void opensWhatTheClientWraps() throws Exception {
        JsonNode v = vectors();
        JsonNode data = SafeEnvelope.unwrap(v.get("msg").textValue(), priv(v, "server_private"), pub(v, "project_public"));
        assertThat(data).isEqualTo(v.get("data"));
    }

    @Test
    void theClientOpensWhatTheServerWraps() throws Exception {
        JsonNode v = vectors();
        Path client = clientSource();
        assumeTrue(client != null && Files.isExecutable(Path.of("/usr/bin/python3")), "the client's source and python3 are here");
        Path script = Path.of(SafeEnvelopeTest.class.getResource("/devices/make-envelope-vectors.py").toURI());
        ObjectNode answer = JSON.createObjectNode();
        answer.put("id", 42).put("name", "ñandú \"x\"").putArray("list").add(1.5).add("EOT OK");
        String msg = SafeEnvelope.wrap(answer, priv(v, "server_private"), pub(v, "server_public"), pub(v, "project_public"));
        ObjectNode input = JSON.createObjectNode().put("msg", msg).put("project_private", v.get("project_private").textValue())
                .put("server_public", v.get("server_public").textValue());
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString(), "unwrap").redirectErrorStream(true);
        pb.environment().put("PYTHONPATH", client.toString());
        Process p = pb.start();
        p.getOutputStream().write(JSON.writeValueAsBytes(input));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assumeTrue(!out.contains("No module named 'jwcrypto'"), "python3-jwcrypto is installed");
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(JSON.readTree(out).get("data")).isEqualTo(answer);
    }

    @Test
    void refusesTheWrongKeyAlteredDataAndGarbage() throws Exception {
        JsonNode v = vectors();
        String msg = v.get("msg").textValue();
        RsaPem.Pair other = RsaPem.generate();
        // encrypted to another server
        assertThatThrownBy(() -> SafeEnvelope.unwrap(msg, RsaPem.privateKey(other.privatePem()), pub(v, "project_public")))
                .hasMessage(SafeEnvelope.INVALID_DATA);
        // signed by another project
        assertThatThrownBy(() -> SafeEnvelope.unwrap(msg, priv(v, "server_private"), RsaPem.publicKey(other.publicPem())))
                .hasMessage(SafeEnvelope.INVALID_SIGNATURE);
        // the data altered under the original signature, re-encrypted to the server
        ObjectNode claims = (ObjectNode) SafeEnvelope.decrypt(msg, priv(v, "server_private"));
        ((ObjectNode) claims.get("data")).put("id", 8);
        String altered = SafeEnvelope.encrypt(JSON.writeValueAsString(claims), pub(v, "server_public"));
        assertThatThrownBy(() -> SafeEnvelope.unwrap(altered, priv(v, "server_private"), pub(v, "project_public")))
                .hasMessage(SafeEnvelope.INVALID_SIGNATURE);
        // a flipped ciphertext
        ObjectNode flat = (ObjectNode) JSON.readTree(msg);
        String c = flat.get("ciphertext").textValue();
        flat.put("ciphertext", (c.charAt(0) == 'A' ? "B" : "A") + c.substring(1));
        assertThatThrownBy(() -> SafeEnvelope.unwrap(flat.toString(), priv(v, "server_private"), pub(v, "project_public")))
                .hasMessage(SafeEnvelope.INVALID_DATA);
        for (String garbage : new String[]{"", "garbage", "{}", "[1]", "{\"protected\": 1}", "null"}) {
            assertThatThrownBy(() -> SafeEnvelope.unwrap(garbage, priv(v, "server_private"), pub(v, "project_public")))
                    .as(garbage).hasMessage(SafeEnvelope.INVALID_DATA);
        }
    }

    @Test
    void forgedMembersAreRefusedNeverThrownThrough() throws Exception {
        JsonNode v = vectors();
        ObjectNode original = (ObjectNode) JSON.readTree(v.get("msg").textValue());
        java.util.Random random = new java.util.Random(15);
        for (String member : new String[]{"protected", "encrypted_key", "iv", "ciphertext", "tag"}) {
            for (String forged : new String[]{"", "!!!", "e30", "eyJhbGciOiJub25lIn0", randomBase64(random, 16),
                    randomBase64(random, 256), randomBase64(random, 4096)}) {
                ObjectNode flat = original.deepCopy();
                flat.put(member, forged);
                assertThatThrownBy(() -> SafeEnvelope.unwrap(flat.toString(), priv(v, "server_private"), pub(v, "project_public")))
                        .as(member + "=" + forged).isInstanceOf(SafeEnvelope.Refused.class);
            }
        }
        // a genuine envelope around a forged signature
        for (String sign : new String[]{"", "[]", "{}", "{\"payload\": 1, \"signature\": 2}",
                "{\"header\": \"RS256\", \"payload\": \"e30\", \"signature\": \"!!\"}",
                "{\"header\": {\"alg\": \"RS256\"}, \"payload\": \"e30\", \"signature\": \"" + randomBase64(random, 256) + "\"}",
                "{\"protected\": \"!!\", \"payload\": \"e30\", \"signature\": \"AA\"}"}) {
            ObjectNode claims = JSON.createObjectNode();
            claims.set("data", JSON.createObjectNode());
            claims.put("sign", sign);
            String msg = SafeEnvelope.encrypt(claims.toString(), pub(v, "server_public"));
            assertThatThrownBy(() -> SafeEnvelope.unwrap(msg, priv(v, "server_private"), pub(v, "project_public")))
                    .as(sign).hasMessage(SafeEnvelope.INVALID_SIGNATURE);
        }
    }

    private static String randomBase64(java.util.Random random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Test
    void aServerKeyPairRoundTripsThroughPem() {
        RsaPem.Pair pair = RsaPem.generate();
        assertThat(RsaPem.publicPemOf(pair.privatePem())).isEqualTo(pair.publicPem());
        assertThat(RsaPem.publicKey(pair.publicPem()).getModulus().bitLength()).isEqualTo(2048);
    }

    /** OPSLEDGER_MIGASFREE_CLIENT_DIR, else shared/peers/migasfree-client beside an ancestor of this module; null if none. */
    static Path clientSource() {
        String configured = System.getenv("OPSLEDGER_MIGASFREE_CLIENT_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/peers/migasfree-client");
            if (Files.isDirectory(candidate.resolve("migasfree_client"))) {
                return candidate;
            }
        }
        return null;
    }
}

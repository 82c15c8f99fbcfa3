package io.opsledger.devices.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Set;

/**
 * migasfree's safe envelope (migasfree-client's secure.py, NOTES.md): a JWE in the JSON flattened
 * serialization (RSA-OAEP-256 + A256CBC-HS512, typ JWE, kid the RFC 7638 thumbprint of the
 * recipient's key) whose plaintext is {"data": ..., "sign": JWS}, the JWS a flattened serialization
 * with only an unprotected header {"alg": "RS256", "kid"} over Python's json.dumps(data).
 * <p>
 * The JOSE work is nimbus-jose-jwt's: a flattened JWE with only a protected header is the compact
 * form's five parts (its AAD is the protected header), and a JWS without a protected header signs
 * "." + payload (RFC 7515 5.1).
 */
public final class SafeEnvelope {

    public static final String INVALID_DATA = "Invalid Data";
    public static final String INVALID_SIGNATURE = "Invalid Signature";

    private static final Set<String> JWE_MEMBERS = Set.of("protected", "encrypted_key", "iv", "ciphertext", "tag");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An envelope that does not open ({@link #INVALID_DATA}) or whose signature does not hold ({@link #INVALID_SIGNATURE}). */
    public static final class Refused extends RuntimeException {
        public Refused(String message) { super(message, null, false, false); }
    }

    private SafeEnvelope() {}

    /** The data of {@code msg}, decrypted with {@code recipient} and verified with {@code signer}. */
    public static JsonNode unwrap(String msg, RSAPrivateKey recipient, RSAPublicKey signer) {
        JsonNode plaintext = decrypt(msg, recipient);
        if (!(plaintext instanceof ObjectNode claims) || !claims.has("data") || !claims.path("sign").isTextual()) {
            throw new Refused(INVALID_DATA);
        }
        JsonNode data = claims.get("data");
        byte[] signed = verify(claims.get("sign").textValue(), signer);
        if (!new String(signed, StandardCharsets.UTF_8).equals(PythonJson.dumps(data)) && !sameJson(signed, data)) {
            throw new Refused(INVALID_SIGNATURE);
        }
        return data;
    }

    /**
     * {@code data} signed with {@code signer} (kid: the thumbprint of {@code signerPublic}) and
     * encrypted to {@code recipient}: the text of a "msg".
     */
    public static String wrap(JsonNode data, RSAPrivateKey signer, RSAPublicKey signerPublic, RSAPublicKey recipient) {
        ObjectNode claims = JSON.createObjectNode();
        claims.set("data", data);
        claims.put("sign", sign(PythonJson.dumps(data), signer, thumbprint(signerPublic)));
        return encrypt(PythonJson.dumps(claims), recipient);
    }

    public static String thumbprint(RSAPublicKey key) {
        try {
            return new RSAKey.Builder(key).build().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(String payload, RSAPrivateKey key, String kid) {
        try {
            Base64URL body = Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8));
            Base64URL signature = new RSASSASigner(key).sign(new JWSHeader(JWSAlgorithm.RS256),
                    ("." + body).getBytes(StandardCharsets.US_ASCII));
            ObjectNode jws = JSON.createObjectNode();
            jws.putObject("header").put("alg", "RS256").put("kid", kid);
            jws.put("payload", body.toString());
            jws.put("signature", signature.toString());
            return JSON.writeValueAsString(jws);
        } catch (JOSEException | JsonProcessingException e) {
            throw new IllegalStateException("cannot sign", e);
        }
    }

    static byte[] verify(String jwsText, RSAPublicKey key) {
        JsonNode jws = parse(jwsText, INVALID_SIGNATURE);
        JsonNode payload = jws.path("payload");
        JsonNode signature = jws.path("signature");
        String protectedHeader = jws.path("protected").asText("");
        String alg = jws.path("header").path("alg").asText(null);
        if (alg == null && !protectedHeader.isEmpty()) {
            alg = parse(new Base64URL(protectedHeader).decodeToString(), INVALID_SIGNATURE).path("alg").asText(null);
        }
        if (!payload.isTextual() || !signature.isTextual() || !"RS256".equals(alg)) {
            throw new Refused(INVALID_SIGNATURE);
        }
        try {
            boolean valid = new RSASSAVerifier(key).verify(new JWSHeader(JWSAlgorithm.RS256),
                    (protectedHeader + "." + payload.textValue()).getBytes(StandardCharsets.US_ASCII),
                    new Base64URL(signature.textValue()));
            if (!valid) {
                throw new Refused(INVALID_SIGNATURE);
            }
            return new Base64URL(payload.textValue()).decode();
        } catch (Refused refused) {
            throw refused;
        } catch (JOSEException | RuntimeException e) { // whatever a forged signature makes the library throw
            throw new Refused(INVALID_SIGNATURE);
        }
    }

    /** The JWE layer alone: {@code plaintext} encrypted to {@code key}, flattened JSON. */
    public static String encrypt(String plaintext, RSAPublicKey key) {
        try {
            JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256CBC_HS512)
                    .type(new JOSEObjectType("JWE")).keyID(thumbprint(key)).build();
            JWEObject jwe = new JWEObject(header, new Payload(plaintext.getBytes(StandardCharsets.UTF_8)));
            jwe.encrypt(new RSAEncrypter(key));
            String[] parts = jwe.serialize().split("\\.", -1);
            ObjectNode flat = JSON.createObjectNode();
            flat.put("protected", parts[0]);
            flat.put("encrypted_key", parts[1]);
            flat.put("iv", parts[2]);
            flat.put("ciphertext", parts[3]);
            flat.put("tag", parts[4]);
            return JSON.writeValueAsString(flat);
        } catch (JOSEException | JsonProcessingException e) {
            throw new IllegalStateException("cannot encrypt", e);
        }
    }

    /** The JWE layer alone: the JSON plaintext of {@code msg}, or {@link #INVALID_DATA}. */
    public static JsonNode decrypt(String msg, RSAPrivateKey key) {
        JsonNode flat = parse(msg, INVALID_DATA);
        if (!(flat instanceof ObjectNode)) {
            throw new Refused(INVALID_DATA);
        }
        for (var it = flat.fieldNames(); it.hasNext(); ) {
            if (!JWE_MEMBERS.contains(it.next())) { // an unprotected header or AAD has no compact form
                throw new Refused(INVALID_DATA);
            }
        }
        for (String member : JWE_MEMBERS) {
            if (!flat.path(member).isTextual()) {
                throw new Refused(INVALID_DATA);
            }
        }
        try {
            JWEObject jwe = JWEObject.parse(String.join(".", flat.get("protected").textValue(),
                    flat.get("encrypted_key").textValue(), flat.get("iv").textValue(), flat.get("ciphertext").textValue(),
                    flat.get("tag").textValue()));
            if (!JWEAlgorithm.RSA_OAEP_256.equals(jwe.getHeader().getAlgorithm())
                    || !EncryptionMethod.A256CBC_HS512.equals(jwe.getHeader().getEncryptionMethod())) {
                throw new Refused(INVALID_DATA);
            }
            jwe.decrypt(new RSADecrypter(key));
            return parse(jwe.getPayload().toString(), INVALID_DATA);
        } catch (Refused refused) {
            throw refused;
        } catch (ParseException | JOSEException | RuntimeException e) { // whatever a forged envelope makes the library throw
            throw new Refused(INVALID_DATA);
        }
    }

    private static boolean sameJson(byte[] signed, JsonNode data) {
        try {
            return JSON.readTree(signed).equals(data);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static JsonNode parse(String text, String refusal) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null) {
                throw new Refused(refusal);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Refused(refusal);
        }
    }
}

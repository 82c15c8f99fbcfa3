package io.opsledger.gateway.cloudstack;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CloudStack's request signature ("Signing API Requests" in its developer guide): every
 * parameter but the signature, values URL-encoded (spaces as %20), sorted by name, the whole
 * string lower-cased, HMAC-SHA1 with the secret key, Base64.
 */
final class CloudStackSignature {

    private CloudStackSignature() {
    }

    /** The query string to send: parameters in signing order, values encoded, names as given. */
    static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(name -> name.toLowerCase(Locale.ROOT))))
                .map(p -> p.getKey() + "=" + encode(p.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** The Base64 signature of these parameters (not yet URL-encoded). */
    static String sign(Map<String, String> parameters, String secretKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] digest = mac.doFinal(query(parameters).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JVM", e);
        }
    }

    /** URL encoding as CloudStack's server re-does it when it checks a signature. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

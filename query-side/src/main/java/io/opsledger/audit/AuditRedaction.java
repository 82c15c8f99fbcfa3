package io.opsledger.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * What compliance staff may see of an event: everything but secrets. Encrypted secrets, password
 * and token hashes and anything named like a secret are shown as "********".
 */
public final class AuditRedaction {

    public static final String MASK = io.opsledger.common.Masked.MASK;
    private static final String[] SECRET_NAMES = {"password", "secret", "hash", "token", "ciphertext", "private", "kubeconfig", "ssh_key", "sshkey"};

    private AuditRedaction() {}

    public static JsonNode redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (isSecretName(field.getKey()) && !field.getValue().isNull()) {
                    field.setValue(object.textNode(MASK));
                } else {
                    redact(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(AuditRedaction::redact);
        }
        return node;
    }

    static boolean isSecretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String secret : SECRET_NAMES) {
            if (lower.contains(secret)) {
                return true;
            }
        }
        return false;
    }
}

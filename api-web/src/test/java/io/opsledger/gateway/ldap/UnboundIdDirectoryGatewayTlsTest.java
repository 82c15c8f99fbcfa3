package io.opsledger.gateway.ldap;

import static io.opsledger.testing.SlapdServer.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opsledger.gateway.ldap.DirectoryCallFailed.Cause;
import io.opsledger.gateway.ldap.DirectoryGateway.LoginOutcome.Authenticated;
import io.opsledger.testing.SlapdServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The LDAP adapter over ldaps:// and StartTLS against a real slapd with a self-signed certificate,
 * trusted the way an operator adds a private CA: through javax.net.ssl.trustStore (restored after).
 */
class UnboundIdDirectoryGatewayTlsTest {

    private static final String[] TRUST_PROPERTIES = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
            "javax.net.ssl.trustStoreType"};

    private static SlapdServer slapd;
    private static Path trustStore;
    private static final Map<String, String> previousTrust = new HashMap<>();
    private final UnboundIdDirectoryGateway gateway = new UnboundIdDirectoryGateway();

    @BeforeAll
    static void startDirectory() throws Exception {
        slapd = SlapdServer.startWithTls();
        slapd.seedStandardDirectory();
        trustStore = Files.createTempFile("opsledger-ldap-trust-", ".p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream pem = Files.newInputStream(slapd.certificateFile())) {
            store.setCertificateEntry("slapd", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            store.store(out, "changeit".toCharArray());
        }
        for (String property : TRUST_PROPERTIES) {
            previousTrust.put(property, System.getProperty(property));
        }
        trustSlapd();
    }

    @AfterAll
    static void stopDirectory() throws Exception {
        restoreTrust();
        slapd.close();
        Files.deleteIfExists(trustStore);
    }

    private static void trustSlapd() {
        System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    }

    private static void restoreTrust() {
        previousTrust.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
    }

    private static DirectoryConnection settings(String uri, boolean startTls) {
        return new DirectoryConnection(uri, READER_DN, READER_PASSWORD.toCharArray(), PEOPLE_DN, null, GROUPS_DN, null, startTls,
                Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Test
    void ldapsWorks() {
        assertThat(gateway.test(settings(slapd.ldapsUri(), false)).vendor()).isEqualTo("OpenLDAP");
        assertThat(gateway.authenticate(settings(slapd.ldapsUri(), false), "alice", ALICE_PASSWORD.toCharArray()))
                .isInstanceOf(Authenticated.class);
    }

    @Test
    void startTlsWorks() {
        assertThat(gateway.groups(settings(slapd.uri(), true))).extracting(DirectoryGroup::name).contains("admins");
        assertThat(gateway.authenticate(settings(slapd.uri(), true), "jsmith", JSMITH_PASSWORD.toCharArray()))
                .isInstanceOf(Authenticated.class);
    }

    @Test
    void untrustedCertificateIsRefused() {
        restoreTrust();
        try {
            assertThatThrownBy(() -> gateway.test(settings(slapd.ldapsUri(), false)))
                    .isInstanceOfSatisfying(DirectoryCallFailed.class, e -> assertThat(e.failure()).isEqualTo(Cause.UNREACHABLE))
                    .hasMessageStartingWith("LDAP server unreachable: 127.0.0.1:");
            assertThatThrownBy(() -> gateway.test(settings(slapd.uri(), true)))
                    .isInstanceOfSatisfying(DirectoryCallFailed.class, e -> assertThat(e.failure()).isEqualTo(Cause.UNREACHABLE));
        } finally {
            trustSlapd();
        }
    }
}

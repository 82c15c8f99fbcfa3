package io.opsledger.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which address is the client's, for every shape of forwarding header, and who may set it. */
class ClientAddressTest {

    private static MockServerHttpRequest.BaseBuilder<?> from(String peer) {
        return MockServerHttpRequest.get("/api/v1/version").remoteAddress(new InetSocketAddress(peer, 40000));
    }

    @Test
    void withoutTrustedProxiesTheHeadersAreIgnored() {
        ClientAddress none = new ClientAddress("");
        assertThat(none.of(from("198.51.100.7").header("X-Forwarded-For", "203.0.113.1").build())).isEqualTo("198.51.100.7");
        assertThat(none.of(from("198.51.100.7").header("Forwarded", "for=203.0.113.1").build())).isEqualTo("198.51.100.7");
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddress() {
        ClientAddress proxies = new ClientAddress("10.0.0.0/8");
        assertThat(proxies.of(from("198.51.100.7").header("X-Forwarded-For", "10.0.0.1").build())).isEqualTo("198.51.100.7");
    }

    @Test
    void theRightMostUntrustedHopIsTheClient() {
        ClientAddress proxies = new ClientAddress("10.0.0.0/8, 192.168.1.5, fd00::/8");
        assertThat(proxies.of(from("10.0.0.2").header("X-Forwarded-For", "1.2.3.4, 203.0.113.9").build())).isEqualTo("203.0.113.9");
        assertThat(proxies.of(from("10.0.0.2").header("X-Forwarded-For", "203.0.113.9, 192.168.1.5, 10.9.9.9").build()))
                .isEqualTo("203.0.113.9");
        assertThat(proxies.of(from("10.0.0.2").header("X-Forwarded-For", "1.1.1.1").header("X-Forwarded-For", "203.0.113.9").build()))
                .as("several header lines are one list").isEqualTo("203.0.113.9");
        assertThat(proxies.of(from("fd00::1").header("Forwarded", "for=1.1.1.1;proto=http, for=\"[2001:db8::7]:443\"").build()))
                .isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(proxies.of(from("10.0.0.2").header("Forwarded", "for=203.0.113.5:8080").build())).isEqualTo("203.0.113.5");
        assertThat(proxies.of(from("10.0.0.2").header("X-Forwarded-For", "10.0.0.3").build()))
                .as("only proxies: the first of them").isEqualTo("10.0.0.3");
        assertThat(proxies.of(from("10.0.0.2").build())).as("no header: the proxy itself").isEqualTo("10.0.0.2");
    }

    @Test
    void garbageInTheChainStopsAtTheLastTrustedHop() {
        ClientAddress proxies = new ClientAddress("10.0.0.0/8");
        assertThat(proxies.of(from("10.0.0.2").header("X-Forwarded-For", "evil.example, 10.0.0.9").build())).isEqualTo("10.0.0.9");
        assertThat(proxies.of(from("10.0.0.2").header("Forwarded", "for=unknown").build())).isEqualTo("10.0.0.2");
    }

    @Test
    void aBadConfigurationStopsTheStart() {
        assertThatThrownBy(() -> new ClientAddress("proxy.internal")).hasMessageContaining("OPSLEDGER_TRUSTED_PROXIES");
        assertThatThrownBy(() -> new ClientAddress("10.0.0.0/33")).hasMessageContaining("prefix");
    }
}

package io.opsledger.web.audit;

import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.identity.api.IdentityCommands.UpdateUserProfile;
import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTrailTest extends AppTest {

    @SuppressWarnings("unchecked")
    private Map<String, Object> data(String uri, String token) {
        return (Map<String, Object>) http().get().uri(uri).header("Authorization", "Token " + token).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("data");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyWriteIsAnEventWithWhoHowAndWhereAndNoSecrets() {
        TestUser admin = superadmin();
        String name = "audited-" + UUID.randomUUID().toString().substring(0, 8);
        Instant before = Instant.now().minusSeconds(1);
        http().post().uri("/api/v1/auth/register").header("X-Request-ID", "req-" + name)
                .bodyValue(Map.of("username", name, "email", name + "@example.com", "password", "a-secret-password"))
                .exchange().expectStatus().isCreated();
        String userId = accounts.byUsername(name).userId();

        Map<String, Object> page = data("/api/v1/audit/events?aggregate_id=" + userId + "&event_type=UserRegistered&from=" + before, admin.token());
        assertThat(page.get("count")).isEqualTo(1);
        Map<String, Object> event = ((List<Map<String, Object>>) page.get("results")).get(0);
        assertThat(event).containsEntry("aggregateType", "User").containsEntry("eventType", "UserRegistered");
        Map<String, Object> payload = (Map<String, Object>) event.get("payload");
        assertThat(payload).containsEntry("username", name).containsEntry("passwordHash", "********");
        assertThat(event.toString()).doesNotContain("a-secret-password").doesNotContain("$2a$");
        Map<String, Object> metadata = (Map<String, Object>) event.get("metadata");
        assertThat(metadata).containsEntry("contract", "driftmgr").containsEntry("requestId", "req-" + name)
                .containsKey("remoteAddress").containsKey("correlationId");

        // the login is recorded as the user's own action
        http().post().uri("/api/v1/auth/login").bodyValue(Map.of("username", name, "password", "a-secret-password"))
                .exchange().expectStatus().isOk();
        Map<String, Object> logins = data("/api/v1/audit/events?user=" + name + "&event_type=SessionOpened", admin.token());
        assertThat(logins.get("count")).isEqualTo(1);

        Map<String, Object> history = data("/api/v1/audit/aggregates/" + userId + "/history", admin.token());
        List<Map<String, Object>> events = (List<Map<String, Object>>) history.get("events");
        assertThat(events).extracting(e -> e.get("eventType")).containsExactly("UserRegistered", "SessionOpened");
        assertThat(events).extracting(e -> e.get("sequenceNumber")).containsExactly(0, 1);
        assertThat(history.toString()).doesNotContain("$2a$");
    }

    @Autowired
    Commands commands;

    /** The user aggregate is snapshotted every 100 events; its history is still every event, from the first. */
    @Test
    @SuppressWarnings("unchecked")
    void theHistoryOfASnapshottedAggregateStartsAtItsFirstEvent() {
        TestUser admin = superadmin();
        String userId = user(Role.READONLY).user().userId();
        int updates = 110;
        for (int i = 0; i < updates; i++) {
            commands.send(new UpdateUserProfile(userId, null, null, "First" + i, null, null, admin.username()),
                    Actor.system("test"));
        }
        Map<String, Object> history = data("/api/v1/audit/aggregates/" + userId + "/history", admin.token());
        List<Map<String, Object>> events = (List<Map<String, Object>>) history.get("events");
        assertThat(events.get(0).get("eventType")).isEqualTo("UserRegistered");
        assertThat(events).extracting(e -> ((Number) e.get("sequenceNumber")).intValue())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, events.size()).boxed().toList());
        assertThat(events.size()).isGreaterThan(updates);
    }

    @Test
    @SuppressWarnings("unchecked")
    void newestFirstAndPaginated() {
        TestUser admin = superadmin();
        for (int i = 0; i < 3; i++) {
            user(Role.READONLY);
        }
        Map<String, Object> page = data("/api/v1/audit/events?event_type=UserRegistered&page_size=2", admin.token());
        List<Map<String, Object>> results = (List<Map<String, Object>>) page.get("results");
        assertThat(results).hasSize(2);
        assertThat(Instant.parse((String) results.get(0).get("timestamp")))
                .isAfterOrEqualTo(Instant.parse((String) results.get(1).get("timestamp")));
        assertThat(((Number) page.get("count")).intValue()).isGreaterThanOrEqualTo(3);
        Map<String, Object> second = data("/api/v1/audit/events?event_type=UserRegistered&page_size=2&page=2", admin.token());
        assertThat((List<?>) second.get("results")).isNotEmpty();
        assertThat(((List<Map<String, Object>>) second.get("results")).get(0).get("eventId"))
                .isNotEqualTo(results.get(0).get("eventId"));
    }

    @Test
    void onlyAdminsReadTheTrailAndBadFiltersAre400() {
        TestUser reader = user(Role.STANDARD);
        http().get().uri("/api/v1/audit/events").exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.success").isEqualTo(false);
        http().get().uri("/api/v1/audit/events").header("Authorization", "Token " + reader.token()).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.error.code").isEqualTo("INSUFFICIENT_PERMISSIONS");
        TestUser admin = superadmin();
        http().get().uri("/api/v1/audit/events?from=yesterday").header("Authorization", "Token " + admin.token())
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.error.details.from").exists();
        http().get().uri("/api/v1/audit/events?page=0").header("Authorization", "Token " + admin.token())
                .exchange().expectStatus().isBadRequest();
        http().get().uri("/api/v1/audit/aggregates/" + UUID.randomUUID() + "/history").header("Authorization", "Token " + admin.token())
                .exchange().expectStatus().isNotFound();
    }

    /** Keys starting with "$" or holding "." (MongoDB cannot store them as they are) round-trip everywhere. */
    @Test
    @SuppressWarnings("unchecked")
    void anAssetWhoseMapsHaveDollarAndDotKeysKeepsThemAndItsAuditTrail() {
        TestUser admin = superadmin();
        // "$oid" and "$date" read as MongoDB's extended JSON once made the audit projection fail on (or alter) the event
        Map<String, Object> metadata = Map.of("$where", "1", "a.b", Map.of("$c.d", List.of(Map.of("x.y", 2))), "%2E", "looks escaped",
                "$oid", "not-an-object-id", "when", Map.of("$date", "soon"));
        Map<String, Object> tags = Map.of("kubernetes.io/name", "db", "$env", "prod");
        Map<String, Object> created = http().post().uri("/api/assets/").header("Authorization", "Token " + admin.token())
                .bodyValue(Map.of("name", "dotted-" + UUID.randomUUID(), "asset_type", "SAAS", "metadata", metadata, "tags", tags))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) created.get("id");
        assertThat(created.get("metadata")).isEqualTo(metadata);
        assertThat(created.get("tags")).isEqualTo(tags);

        Map<String, Object> page = data("/api/v1/audit/events?aggregate_id=" + id, admin.token());
        assertThat(page.get("count")).as("the asset's events are in the trail").isEqualTo(1);
        Map<String, Object> event = ((List<Map<String, Object>>) page.get("results")).get(0);
        Map<String, Object> details = (Map<String, Object>) ((Map<String, Object>) event.get("payload")).get("details");
        assertThat(details.get("metadata")).isEqualTo(metadata);
        assertThat(details.get("tags")).isEqualTo(tags);
    }
}

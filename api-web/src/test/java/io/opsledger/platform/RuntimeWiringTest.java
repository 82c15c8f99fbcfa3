package io.opsledger.platform;

import io.opsledger.common.claims.ClaimRules;
import io.opsledger.identity.CredentialProjection;
import io.opsledger.inventory.RelationshipCascade;
import io.opsledger.identity.UserProjection;
import io.opsledger.testing.AppTest;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.config.EventProcessingConfiguration;
import io.opsledger.migration.MigrationReferences;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded runtime is wired as DESIGN.md says: persistent deadlines, streaming projections, bounded bodies. */
class RuntimeWiringTest extends AppTest {

    @Autowired
    DeadlineManager deadlines;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void deadlinesArePersistentInTheRelationalStore() {
        // sagas schedule through this manager; its deadlines are rows in scheduled_tasks, picked by any node
        assertThat(deadlines).isInstanceOf(DbSchedulerDeadlineManager.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_tasks", Integer.class)).isNotNull();
    }

    @Test
    void projectionsAreStreamingProcessorsThatCanBeSharedAcrossNodes() {
        Map<String, EventProcessor> processors = processing.eventProcessors();
        assertThat(processors.keySet()).contains(UserProjection.GROUP, CredentialProjection.GROUP, "projection.audit");
        // but the claims' releases, the inventory's cascade and the migration lookup, which run in the unit of
        // work of the event
        processors.forEach((name, p) -> assertThat(p).as(name).isInstanceOf(
                name.equals(ClaimRules.GROUP) || name.equals(RelationshipCascade.GROUP) || name.equals(MigrationReferences.GROUP)
                        ? SubscribingEventProcessor.class : StreamingEventProcessor.class));
    }

    @Test
    void oversizedBodiesAre413AndNot500() {
        String huge = "{\"username\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
        http().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON).bodyValue(huge)
                .exchange().expectStatus().isEqualTo(413).expectBody().jsonPath("$.error.code").isEqualTo("VALIDATION_ERROR");
        http().post().uri("/api/v1/auth").contentType(MediaType.APPLICATION_JSON).bodyValue(huge)
                .exchange().expectStatus().isEqualTo(413).expectBody().jsonPath("$.detail").isEqualTo("Request body is too large.");
    }

    @Test
    void wrongTypesAre400WithTheField() {
        http().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":{\"a\":1},\"email\":\"a@b.io\",\"password\":\"longenough\"}")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.error.details.username[0]").isEqualTo("Not a valid string.");
    }
}

package io.opsledger.inventory;

import io.opsledger.common.RuleViolation;
import io.opsledger.inventory.api.RelationshipMessages;
import io.opsledger.inventory.api.RelationshipMessages.*;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RelationshipTest {

    private AggregateTestFixture<Relationship> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Relationship.class);
    }

    @Test
    void everyTypeLinksTwoAssets() {
        for (String type : RelationshipMessages.TYPES) {
            fixture.givenNoPriorActivity()
                    .when(new CreateRelationship("r1", "a1", "a2", type, null))
                    .expectEvents(new RelationshipCreated("r1", "a1", "a2", type, ""));
        }
    }

    @Test
    void noSelfLinks() {
        fixture.givenNoPriorActivity()
                .when(new CreateRelationship("r1", "a1", "a1", "DEPENDS_ON", "x"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Relationship.SELF_LINK);
    }

    @Test
    void unknownTypesAndMissingEndsAreRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateRelationship("r1", "a1", "a2", "LOVES", ""))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("\"LOVES\" is not a valid choice.");
        fixture.givenNoPriorActivity()
                .when(new CreateRelationship("r1", "a1", null, "CONTAINS", ""))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("This field is required.");
    }

    @Test
    void deletionRecordsWhatWasLinked() {
        fixture.given(new RelationshipCreated("r1", "a1", "a2", "CONTAINS", ""))
                .when(new DeleteRelationship("r1"))
                .expectEvents(new RelationshipDeleted("r1", "a1", "a2", "CONTAINS"))
                .expectMarkedDeleted();
    }

    @Test
    void theUniqueKeyNamesAllThreeParts() {
        assertThat(RelationshipMessages.uniqueKey("a1", "a2", "CONTAINS"))
                .isNotEqualTo(RelationshipMessages.uniqueKey("a2", "a1", "CONTAINS"))
                .isNotEqualTo(RelationshipMessages.uniqueKey("a1", "a2", "DEPENDS_ON"));
    }
}

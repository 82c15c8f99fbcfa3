package io.opsledger.drift;

import io.opsledger.common.RuleViolation;
import io.opsledger.common.claims.Claim;
import io.opsledger.drift.api.BackendMessages;
import io.opsledger.drift.api.BackendMessages.BackendConfig;
import io.opsledger.drift.api.BackendMessages.RegisterBackend;
import io.opsledger.drift.api.BackendMessages.RecordBackendCheck;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DriftClaimsTest {

    private final DriftClaims rules = new DriftClaims();

    @Test
    void aBackendClaimsItsPlaceAsTheAggregateWillRecordIt() {
        List<Claim> s3 = rules.claimsOf(new RegisterBackend("b1", "prod", BackendMessages.S3,
                BackendConfig.s3("bucket", "eu-west-1", " //env/"), BackendMessages.ACTIVE));
        assertThat(s3).singleElement().satisfies(c -> {
            assertThat(c.scope()).isEqualTo("drift.backend");
            assertThat(c.value()).isEqualTo(BackendConfig.s3("bucket", "eu-west-1", "env/").location(BackendMessages.S3));
            assertThat(c.owner()).isEqualTo("b1");
            assertThat(c.refusal().kind()).isEqualTo(RuleViolation.Kind.CONFLICT);
            assertThat(c.refusal().field()).isEqualTo("config");
            assertThat(c.refusal().getMessage()).isEqualTo("A backend for " + c.value() + " is already registered.");
        });
        List<Claim> local = rules.claimsOf(new RegisterBackend("b2", "dev", BackendMessages.LOCAL,
                BackendConfig.local("/srv/tf/../state"), BackendMessages.ACTIVE));
        assertThat(local).singleElement().extracting(Claim::value)
                .isEqualTo(BackendConfig.local("/srv/state").location(BackendMessages.LOCAL));
    }

    @Test
    void otherCommandsClaimNothing() {
        assertThat(rules.claimsOf(new RecordBackendCheck("b1", true, 3, "ok"))).isEmpty();
    }
}

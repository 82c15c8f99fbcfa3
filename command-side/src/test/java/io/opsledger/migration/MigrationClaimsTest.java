package io.opsledger.migration;

import io.opsledger.common.RuleViolation;
import io.opsledger.common.claims.Claim;
import io.opsledger.migration.api.MigrationMessages.CreateWorkLoad;
import io.opsledger.migration.api.MigrationMessages.UpdateWorkLoad;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationClaimsTest {

    private final MigrationClaims rules = new MigrationClaims(null);

    @Test
    void aSourceClaimsItsIpPerOwner() {
        List<Claim> claims = rules.claimsOf(new CreateWorkLoad("migration.work_load:3", 3, "u1", " FE80::1 ", 1,
                List.of(2L), null, null));
        assertThat(claims).singleElement().satisfies(c -> {
            assertThat(c.scope()).isEqualTo(MigrationClaims.IP_SCOPE);
            assertThat(c.value()).isEqualTo("u1|fe80::1");
            assertThat(c.owner()).isEqualTo("migration.work_load:3");
            assertThat(c.refusal().kind()).isEqualTo(RuleViolation.Kind.INVALID);
            assertThat(c.refusal().field()).isEqualTo("ip");
            assertThat(c.refusal().getMessage()).isEqualTo("This field is unique.");
        });
    }

    @Test
    void copiesAndUpdatesClaimNothing() {
        assertThat(rules.claimsOf(new CreateWorkLoad("migration.work_load:9", 9, "u1", "10.0.0.1", 1, List.of(2L), 3L,
                "run-1"))).isEmpty();
        assertThat(rules.claimsOf(new UpdateWorkLoad("migration.work_load:3", "10.0.0.1", null, null))).isEmpty();
    }
}

package io.opsledger.inventory;

import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.RuleViolation;
import io.opsledger.common.claims.UniqueClaims;
import io.opsledger.inventory.api.DiscoveryMessages.IsDiscoveryJobEnded;
import io.opsledger.inventory.api.DiscoveryMessages.TriggerDiscovery;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trigger of a discovery job: the one-job claim is the command's; an ended job's leftover claim is let go. */
class DiscoveryTriggersTest {

    /** The claims table as a single holder of the one discovery value. */
    static final class OneValueClaims extends UniqueClaims {
        String holder;
        final List<String> released = new ArrayList<>();

        OneValueClaims() { super(null, null); }

        @Override
        public String holder(String scope, String value) { return holder; }

        @Override
        public void release(String scope, String value, String owner) {
            released.add(owner);
            if (owner.equals(holder)) {
                holder = null;
            }
        }
    }

    /** Sends through the inventory's claim rule, as CommandClaims does, with the job's own claim. */
    final class ClaimingCommands implements Commands {
        final List<Object> sent = new ArrayList<>();
        RuntimeException failure;

        @Override
        @SuppressWarnings("unchecked")
        public <R> R send(Object command, Actor actor) {
            TriggerDiscovery trigger = (TriggerDiscovery) command;
            if (claims.holder != null) {
                throw new InventoryClaims(claims).claimsOf(trigger).get(0).refusal();
            }
            if (failure != null) {
                throw failure;
            }
            claims.holder = trigger.jobId();
            sent.add(command);
            return null;
        }
    }

    private final OneValueClaims claims = new OneValueClaims();
    private final ClaimingCommands commands = new ClaimingCommands();
    private Set<String> ended = Set.of();
    private final Queries queries = new Queries(null) {
        @Override
        @SuppressWarnings("unchecked")
        public <R> R one(Object query, Class<R> type) {
            return (R) Boolean.valueOf(ended.contains(((IsDiscoveryJobEnded) query).jobId()));
        }
    };
    private final DiscoveryTriggers triggers = new DiscoveryTriggers(commands, queries, claims);

    @Test
    void aJobStartsWhenNoneIsActiveAndTheNextWaitsForItsEnd() {
        String first = triggers.trigger("acc-1", "Prod", "admin", Actor.system("test")).orElseThrow();
        assertThat(commands.sent).containsExactly(new TriggerDiscovery(first, "acc-1", "Prod", "admin"));
        assertThat(triggers.trigger(null, "", "scheduler", Actor.system("test"))).isEmpty();
        assertThat(claims.released).isEmpty();
    }

    @Test
    void anEndedJobThatStillHoldsTheClaimLetsItGo() {
        claims.holder = "old-job";
        ended = Set.of("old-job");
        String next = triggers.trigger(null, "", "scheduler", Actor.system("test")).orElseThrow();
        assertThat(claims.released).containsExactly("old-job");
        assertThat(claims.holder).isEqualTo(next);
    }

    @Test
    void otherRefusalsAreTheCallersToAnswer() {
        commands.failure = RuleViolation.invalid("triggered_by", "This field is required.");
        assertThatThrownBy(() -> triggers.trigger(null, "", "", Actor.system("test")))
                .isInstanceOf(RuleViolation.class).hasMessage("This field is required.");
    }
}

package io.opsledger.common.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Takes the claims a command needs (every context's {@link ClaimRules}) before it is sent, and
 * frees the ones it took when the command fails: the set-based half of validation, done where
 * commands are dispatched, so no caller can forget it.
 */
public class CommandClaims {

    private final UniqueClaims claims;
    private final List<ClaimRules> rules;

    public CommandClaims(UniqueClaims claims, List<ClaimRules> rules) {
        this.claims = claims;
        this.rules = List.copyOf(rules);
    }

    /** Runs {@code send} holding {@code command}'s claims; its refusal if a value is someone else's. */
    public <R> R under(Object command, Supplier<R> send) {
        List<Claim> taken = new ArrayList<>();
        try {
            for (ClaimRules context : rules) {
                for (Claim claim : context.claimsOf(command)) {
                    switch (claims.take(claim.scope(), claim.value(), claim.owner())) {
                        case TAKEN -> taken.add(claim);
                        case ALREADY_HELD -> { } // the owner's from before (or from a racing write): not ours to give back
                        case REFUSED -> throw claim.refusal();
                    }
                }
            }
            return send.get();
        } catch (RuntimeException | Error failed) {
            taken.forEach(claim -> claims.release(claim.scope(), claim.value(), claim.owner()));
            throw failed;
        }
    }
}

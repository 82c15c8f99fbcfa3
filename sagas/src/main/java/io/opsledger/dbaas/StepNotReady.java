package io.opsledger.dbaas;

/**
 * A step cannot be taken yet (a replica waits for its primary's address): the provisioning tries
 * it again at the next readiness check instead of failing.
 */
public class StepNotReady extends RuntimeException {
    public StepNotReady(String message) { super(message); }
}

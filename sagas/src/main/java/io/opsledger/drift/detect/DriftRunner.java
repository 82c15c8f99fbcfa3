package io.opsledger.drift.detect;

import io.opsledger.drift.api.DriftDetectionMessages.DriftDetectionRequested;
import io.opsledger.gateway.aws.AwsLiveResources;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Carries out one drift detection job's run (see {@link DriftDetectionRun}) with what it needs. */
public final class DriftRunner {

    private final CommandGateway commands;
    private final AwsLiveResources aws;
    private final DriftInventory inventory;
    private final DriftAwsAccess access;

    public DriftRunner(CommandGateway commands, AwsLiveResources aws, DriftInventory inventory, DriftAwsAccess access) {
        this.commands = commands;
        this.aws = aws;
        this.inventory = inventory;
        this.access = access;
    }

    public void run(DriftDetectionRequested job) {
        new DriftDetectionRun(job, commands, aws, inventory, access).run();
    }
}

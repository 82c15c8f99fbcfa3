package io.opsledger.inventory;

import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.aws.AwsGateway;
import io.opsledger.inventory.api.DiscoveryMessages.DiscoveryJobCreated;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Carries out one discovery job's run (see {@link DiscoveryRun}) with what it needs. */
public final class DiscoveryRunner {

    private final CommandGateway commands;
    private final AwsGateway aws;
    private final DiscoveryInventory inventory;
    private final SecretCipher cipher;

    public DiscoveryRunner(CommandGateway commands, AwsGateway aws, DiscoveryInventory inventory, SecretCipher cipher) {
        this.commands = commands;
        this.aws = aws;
        this.inventory = inventory;
        this.cipher = cipher;
    }

    public void run(DiscoveryJobCreated job) {
        new DiscoveryRun(job, commands, aws, inventory, cipher::decrypt).run();
    }
}

package io.opsledger.platform;

import io.opsledger.common.Actor;
import io.opsledger.common.Commands;
import io.opsledger.common.claims.CommandClaims;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Sends a command with its actor's audit metadata, under the claims its context's rules ask for,
 * and answers only once the projections have applied its events, so the caller's next read sees
 * the write.
 */
@Component
public class ReadYourWritesCommands implements Commands {

    private final CommandGateway gateway;
    private final ProjectionBarrier barrier;
    private final CommandClaims claims;

    public ReadYourWritesCommands(CommandGateway gateway, ProjectionBarrier barrier, CommandClaims claims) {
        this.gateway = gateway;
        this.barrier = barrier;
        this.claims = claims;
    }

    @Override
    public <R> R send(Object command, Actor actor) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command).andMetaData(actor.metadata());
        ProjectionBarrier.Ticket ticket = barrier.open(message);
        R result;
        try {
            result = claims.under(command, () -> gateway.sendAndWait(message));
        } finally {
            barrier.close(message);
        }
        barrier.awaitProjections(ticket);
        return result;
    }
}

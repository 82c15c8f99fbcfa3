package io.opsledger.platform;

import io.opsledger.web.RequestContext;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Sends a command with the request's audit metadata and answers only once the projections have
 * applied its events, so the caller's next read sees the write.
 */
@Component
public class Commands {

    private final CommandGateway gateway;
    private final ProjectionBarrier barrier;

    public Commands(CommandGateway gateway, ProjectionBarrier barrier) {
        this.gateway = gateway;
        this.barrier = barrier;
    }

    public <R> R send(Object command, RequestContext ctx) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command).andMetaData(ctx.metadata());
        ProjectionBarrier.Ticket ticket = barrier.open(message);
        R result;
        try {
            result = gateway.sendAndWait(message);
        } finally {
            barrier.close(message);
        }
        barrier.awaitProjections(ticket);
        return result;
    }
}

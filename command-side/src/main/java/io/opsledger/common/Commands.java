package io.opsledger.common;

/**
 * Sends a command on behalf of an {@link Actor} and answers once it is done: its unique values
 * claimed, its events stored and applied by the projections that read them (read-your-writes).
 */
public interface Commands {

    <R> R send(Object command, Actor actor);
}

package io.opsledger.platform;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.NoSuchDeadLetterException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A processing group's dead-letter queue that says in the log, with the event's identifier and
 * type and the group's name, whenever an event goes into it: a handler that failed on an event, and
 * the later events of the same sequence (aggregate) that wait behind it. Everything else is the
 * wrapped queue's.
 */
final class LoggedDeadLetterQueue implements SequencedDeadLetterQueue<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(LoggedDeadLetterQueue.class);

    private final String processingGroup;
    private final SequencedDeadLetterQueue<EventMessage<?>> queue;

    LoggedDeadLetterQueue(String processingGroup, SequencedDeadLetterQueue<EventMessage<?>> queue) {
        this.processingGroup = processingGroup;
        this.queue = queue;
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter)
            throws DeadLetterQueueOverflowException {
        EventMessage<?> event = letter.message();
        log.error("processing group {} failed on event {} ({}, sequence {}): {}; the event is in the group's dead-letter queue,"
                        + " later events of the sequence wait behind it, other sequences go on", processingGroup,
                event.getIdentifier(), event.getPayloadType().getName(), sequenceIdentifier,
                letter.cause().map(c -> c.type() + ": " + c.message()).orElse("no cause recorded"));
        queue.enqueue(sequenceIdentifier, letter);
    }

    @Override
    public boolean enqueueIfPresent(Object sequenceIdentifier, Supplier<DeadLetter<? extends EventMessage<?>>> letterBuilder)
            throws DeadLetterQueueOverflowException {
        return queue.enqueueIfPresent(sequenceIdentifier, () -> {
            DeadLetter<? extends EventMessage<?>> letter = letterBuilder.get();
            log.warn("processing group {}: event {} ({}, sequence {}) waits in the dead-letter queue behind an earlier failed event",
                    processingGroup, letter.message().getIdentifier(), letter.message().getPayloadType().getName(),
                    sequenceIdentifier);
            return letter;
        });
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) { queue.evict(letter); }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater) throws NoSuchDeadLetterException {
        queue.requeue(letter, letterUpdater);
    }

    @Override
    public boolean contains(Object sequenceIdentifier) { return queue.contains(sequenceIdentifier); }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return queue.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() { return queue.deadLetters(); }

    @Override
    public boolean isFull(Object sequenceIdentifier) { return queue.isFull(sequenceIdentifier); }

    @Override
    public long size() { return queue.size(); }

    @Override
    public long sequenceSize(Object sequenceIdentifier) { return queue.sequenceSize(sequenceIdentifier); }

    @Override
    public long amountOfSequences() { return queue.amountOfSequences(); }

    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> processingTask) {
        return queue.process(sequenceFilter, processingTask);
    }

    @Override
    public boolean process(Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> processingTask) {
        return queue.process(processingTask);
    }

    @Override
    public void clear() { queue.clear(); }
}

package io.opsledger.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Long jobs (a discovery, a drift detection) run in the background: as a db-scheduler task that one
 * node claims and another revives if that node dies, so that a run of many minutes neither holds an
 * event processor nor runs twice; and a schedule's trigger runs on a thread of its own.
 */
public final class BackgroundRuns {
    private BackgroundRuns() {}

    private static final Logger log = LoggerFactory.getLogger(BackgroundRuns.class);

    /**
     * The task (register it as a bean) that runs each job handed to {@link #start}: {@code run} with
     * the job read back from its JSON. A run that throws is logged, not retried: the job could not
     * even be started or ended (it ended already, or the read models are unreachable).
     *
     * @param what the job's kind in the log ("discovery job")
     */
    public static <T> OneTimeTask<String> task(String name, Class<T> type, String what, ObjectMapper json, Consumer<T> run) {
        return Tasks.oneTime(name, String.class)
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    T job;
                    try {
                        job = json.readValue(instance.getData(), type);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("unreadable " + what + " " + instance.getId(), e);
                    }
                    try {
                        run.accept(job);
                    } catch (RuntimeException e) {
                        log.warn("{} {} stopped", what, instance.getId(), e);
                    }
                });
    }

    /** Hands {@code job} to {@code task} now; a job already handed over under {@code id} (a redelivered event) stays as it is. */
    public static <T> void start(SchedulerClient scheduler, OneTimeTask<String> task, String id, T job, ObjectMapper json) {
        try {
            scheduler.scheduleIfNotExists(task.instance(id, json.writeValueAsString(job)), Instant.now());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code work}'s answer, computed on a thread of its own: a command it sends then commits on its
     * own, not inside the caller's unit of work (a deadline's), whose end it would otherwise wait
     * for through read-your-writes. Its exception is rethrown here.
     */
    public static <R> R onOwnThread(String threadName, Supplier<R> work) {
        AtomicReference<R> result = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                result.set(work.get());
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, threadName);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + threadName, e);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}

package io.opsledger.platform;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs blocking work (commands, JDBC, MongoDB driver calls) off the event loop. A client that
 * hangs up must not interrupt the work: an interrupt during a file write closes the embedded H2
 * database, and a command once started should finish anyway. So cancellation is not passed on.
 */
@Component
public class BlockingWork implements AutoCloseable {

    private final ExecutorService executor;

    public BlockingWork() {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(64, r -> {
            Thread thread = new Thread(r, "opsledger-work-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public <T> Mono<T> call(Callable<T> work) {
        return Mono.fromFuture(() -> CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, executor), true);
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}

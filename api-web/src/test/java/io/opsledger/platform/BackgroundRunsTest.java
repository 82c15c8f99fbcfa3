package io.opsledger.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The background-run helper that discovery's (and drift detection's) jobs and schedule triggers share. */
class BackgroundRunsTest {

    record Job(String jobId, int size) {}

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aTaskRunsTheJobReadBackFromItsJson() throws Exception {
        List<Job> ran = new ArrayList<>();
        OneTimeTask<String> task = BackgroundRuns.task("test-run", Job.class, "test job", json, ran::add);
        task.execute(new TaskInstance<>("test-run", "j-1", json.writeValueAsString(new Job("j-1", 3))), null);
        assertThat(ran).containsExactly(new Job("j-1", 3));
        assertThat(task.getName()).isEqualTo("test-run");
    }

    @Test
    void aRunThatFailsIsLoggedNotRetried() throws Exception {
        OneTimeTask<String> task = BackgroundRuns.task("test-run", Job.class, "test job", json, job -> {
            throw new IllegalStateException("it ended already");
        });
        task.execute(new TaskInstance<>("test-run", "j-2", json.writeValueAsString(new Job("j-2", 0))), null);
    }

    @Test
    void anUnreadableRunFailsTheTask() {
        OneTimeTask<String> task = BackgroundRuns.task("test-run", Job.class, "test job", json, job -> {});
        assertThatThrownBy(() -> task.execute(new TaskInstance<>("test-run", "j-3", "not json"), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unreadable test job j-3");
    }

    @Test
    void workOnItsOwnThreadAnswersOrThrowsHere() {
        Thread caller = Thread.currentThread();
        Optional<String> answer = BackgroundRuns.onOwnThread("test-worker", () -> {
            assertThat(Thread.currentThread()).isNotSameAs(caller);
            return Optional.of(Thread.currentThread().getName());
        });
        assertThat(answer).contains("test-worker");
        assertThatThrownBy(() -> BackgroundRuns.onOwnThread("test-worker", () -> {
            throw new IllegalArgumentException("refused");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("refused");
    }
}

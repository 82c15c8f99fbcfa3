package io.opsledger.testing;

import io.opsledger.OpsLedgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

/**
 * OpsLedger started in the test's JVM on a data folder of its own (a free port, no rate limits, the
 * superadmin "root"), for tests that restart it on that folder and reach into its beans.
 */
public final class InProcessApp {

    private InProcessApp() {}

    public static ConfigurableApplicationContext start(Path data, String rootPassword) {
        return start(data, rootPassword, new String[0]);
    }

    /** @param more further {@code --name=value} arguments */
    public static ConfigurableApplicationContext start(Path data, String rootPassword, String... more) {
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("--opsledger.data=" + data, "--server.port=0",
                "--opsledger.rate-limit.anonymous=0", "--opsledger.rate-limit.user=0",
                "--opsledger.admin.username=root", "--opsledger.admin.password=" + rootPassword), java.util.Arrays.stream(more))
                .toArray(String[]::new);
        return new SpringApplicationBuilder(OpsLedgerApplication.class).run(args);
    }

    public static Http http(ConfigurableApplicationContext app) {
        return new Http("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
    }
}

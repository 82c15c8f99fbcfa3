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
        return new SpringApplicationBuilder(OpsLedgerApplication.class).run("--opsledger.data=" + data, "--server.port=0",
                "--opsledger.rate-limit.anonymous=0", "--opsledger.rate-limit.user=0",
                "--opsledger.admin.username=root", "--opsledger.admin.password=" + rootPassword);
    }

    public static Http http(ConfigurableApplicationContext app) {
        return new Http("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
    }
}

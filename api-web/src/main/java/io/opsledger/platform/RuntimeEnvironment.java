package io.opsledger.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings derived from the environment that plain placeholders cannot express: the absolute data
 * folder, and Axon Server on exactly when OPSLEDGER_AXONSERVER_SERVERS names servers.
 */
public class RuntimeEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> derived = new HashMap<>();
        String data = env.getProperty("opsledger.data", env.getProperty("OPSLEDGER_DATA", "./data"));
        derived.put("opsledger.data", Path.of(data).toAbsolutePath().normalize().toString());
        String servers = env.getProperty("OPSLEDGER_AXONSERVER_SERVERS", "");
        derived.put("axon.axonserver.enabled", !servers.isBlank());
        if (!servers.isBlank()) {
            derived.put("axon.axonserver.servers", servers);
        }
        // no outside network here; Axon must not phone home
        System.setProperty("axoniq.update-checker.disabled", "true");
        env.getPropertySources().addFirst(new MapPropertySource("opsledgerRuntime", derived));
    }
}

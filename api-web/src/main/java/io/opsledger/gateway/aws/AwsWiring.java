package io.opsledger.gateway.aws;

import io.opsledger.common.SecretCipher;
import io.opsledger.inventory.CostRefresher;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The AWS gateway of the running app (moved out of platform, which keeps only the generic runtime).
 * Bean names and types stay as they were: others inject {@code awsGateway} as {@link AwsGateway}.
 */
@Configuration
public class AwsWiring {

    /** AWS itself, or OPSLEDGER_AWS_ENDPOINT for every service (moto, LocalStack, VPC endpoints; path-style S3). */
    @Bean(destroyMethod = "close")
    public SdkAwsGateway awsGateway(@Value("${opsledger.aws-endpoint}") String endpoint) {
        return SdkAwsGateway.forEndpoint(endpoint);
    }

    /**
     * Fetches Cost Explorer costs for each account a refresh_costs asked about. Inventory's process, wired here
     * with the gateway it calls until inventory has a wiring class of its own.
     */
    @Bean
    public CostRefresher costRefresher(AwsGateway aws, SecretCipher cipher, CommandGateway commands) {
        return new CostRefresher(aws, cipher, commands, Clock.systemUTC());
    }
}

package io.opsledger.platform;

import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.aws.AwsGateway;
import io.opsledger.inventory.CostRefresher;
import org.axonframework.commandhandling.gateway.CommandGateway;
import io.opsledger.gateway.aws.SdkAwsGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration
public class AwsConfiguration {

    /** AWS itself, or OPSLEDGER_AWS_ENDPOINT for every service (moto, LocalStack, VPC endpoints; path-style S3). */
    @Bean(destroyMethod = "close")
    public SdkAwsGateway awsGateway(@Value("${opsledger.aws-endpoint}") String endpoint) {
        return SdkAwsGateway.forEndpoint(endpoint);
    }

    /** Fetches Cost Explorer costs for each account a refresh_costs asked about. */
    @Bean
    public CostRefresher costRefresher(AwsGateway aws, SecretCipher cipher, CommandGateway commands) {
        return new CostRefresher(aws, cipher, commands, Clock.systemUTC());
    }
}

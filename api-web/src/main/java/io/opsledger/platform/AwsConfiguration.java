package io.opsledger.platform;

import io.opsledger.gateway.aws.AwsGateway;
import io.opsledger.gateway.aws.SdkAwsGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class AwsConfiguration {

    /** AWS itself, or OPSLEDGER_AWS_ENDPOINT for every service (moto, LocalStack, VPC endpoints; path-style S3). */
    @Bean(destroyMethod = "close")
    public SdkAwsGateway awsGateway(@Value("${opsledger.aws-endpoint}") String endpoint) {
        return SdkAwsGateway.forEndpoint(endpoint);
    }
}

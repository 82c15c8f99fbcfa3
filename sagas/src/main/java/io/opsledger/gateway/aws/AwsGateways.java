package io.opsledger.gateway.aws;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The AWS gateway of the running app, one for every context that reaches AWS accounts. */
@Configuration
public class AwsGateways {

    /** AWS itself, or OPSLEDGER_AWS_ENDPOINT for every service (moto, LocalStack, VPC endpoints; path-style S3). */
    @Bean(destroyMethod = "close")
    public SdkAwsGateway awsGateway(@Value("${opsledger.aws-endpoint}") String endpoint) {
        return SdkAwsGateway.forEndpoint(endpoint);
    }
}

package io.opsledger.gateway.aws;

/** Receives, while {@link AwsGateway#discover} runs, how each service went. Called on the caller's thread. */
public interface DiscoveryProgress {

    /** Ignores everything. */
    DiscoveryProgress NONE = new DiscoveryProgress() {
        @Override
        public void discovered(String serviceType, String region, int count) {
        }

        @Override
        public void failed(String serviceType, String region, String message) {
        }
    };

    /** {@code serviceType} was discovered in {@code region}: {@code count} resources. */
    void discovered(String serviceType, String region, int count);

    /** {@code serviceType} could not be discovered in {@code region}; the other services still are. */
    void failed(String serviceType, String region, String message);
}

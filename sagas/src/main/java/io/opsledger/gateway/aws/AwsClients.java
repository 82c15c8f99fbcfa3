package io.opsledger.gateway.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * The one place AWS SDK clients are built, for every adapter that talks to AWS (inventory
 * discovery and costs, drift's live resources, Terraform state in S3).
 *
 * <p>Every client shares this factory's HTTP client and carries its timeouts, so no call to AWS
 * can hang. With an endpoint override (e.g. {@code OPSLEDGER_AWS_ENDPOINT}) every client, STS
 * included, talks to that endpoint and S3 uses path-style addressing, as moto, LocalStack and VPC
 * endpoints need. Close the factory to release the HTTP client; clients it built are closed by
 * whoever asked for them.
 */
public final class AwsClients implements AutoCloseable {

    /**
     * How long a call may take.
     *
     * @param connect time to open a connection
     * @param socket  time to wait for the next bytes of an answer
     * @param apiCall time for a whole API call, retries included
     */
    public record Timeouts(Duration connect, Duration socket, Duration apiCall) {

        /** Discovery and drift calls: paginated listings over whole accounts may take a while. */
        public static final Timeouts ACCOUNT_CALLS =
                new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(2));

        /** State file calls sit in front of an HTTP request (and Terraform's lock): fail sooner. */
        public static final Timeouts STATE_FILES =
                new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60));

        public Timeouts {
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(socket, "socket");
            Objects.requireNonNull(apiCall, "apiCall");
        }
    }

    private final Optional<URI> endpoint;
    private final SdkHttpClient httpClient;
    private final ClientOverrideConfiguration overrides;

    /** @param endpoint if present, the endpoint of every AWS service (e.g. {@code http://127.0.0.1:5000}) */
    public AwsClients(Optional<URI> endpoint, Timeouts timeouts) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(timeouts, "timeouts");
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(timeouts.connect())
                .socketTimeout(timeouts.socket())
                .build();
        this.overrides = ClientOverrideConfiguration.builder()
                .apiCallTimeout(timeouts.apiCall())
                .build();
    }

    /** From a configuration value such as {@code OPSLEDGER_AWS_ENDPOINT}: blank or null means AWS itself. */
    public static Optional<URI> endpoint(String configured) {
        return configured == null || configured.isBlank() ? Optional.empty()
                : Optional.of(URI.create(configured.trim()));
    }

    /** Whether every client talks to an emulator or private endpoint instead of AWS's own. */
    public boolean overridesEndpoint() {
        return endpoint.isPresent();
    }

    @Override
    public void close() {
        httpClient.close();
    }

    // ---- clients --------------------------------------------------------------------------------

    /** A client of any service, e.g. {@code clients.build(Ec2Client.builder(), credentials, region)}. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, AwsCredentialsProvider credentials, Region region) {
        builder.credentialsProvider(credentials)
                .region(region)
                .httpClient(httpClient)
                .overrideConfiguration(overrides);
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** An S3 client that reaches buckets of {@code region}; path-style when the endpoint is overridden. */
    public S3Client s3(AwsCredentialsProvider credentials, Region region) {
        return s3(credentials, region, builder -> { });
    }

    /**
     * An S3 client; path-style when the endpoint is overridden. {@code tuning} sets what only
     * this caller needs (checksums, cross-region access) before the client is built.
     */
    public S3Client s3(AwsCredentialsProvider credentials, Region region, Consumer<S3ClientBuilder> tuning) {
        S3ClientBuilder builder = S3Client.builder();
        if (endpoint.isPresent()) {
            // emulators and VPC endpoints have no per-bucket host names
            builder.forcePathStyle(true);
        }
        tuning.accept(builder);
        return build(builder, credentials, region);
    }

    /**
     * An S3 client that also follows buckets to other regions than {@code region} (AWS answers a
     * redirect); an overridden endpoint serves every region itself, so there it is plain path-style.
     */
    public S3Client s3AnyRegion(AwsCredentialsProvider credentials, Region region,
                                Consumer<S3ClientBuilder> tuning) {
        return s3(credentials, region, builder -> {
            if (endpoint.isEmpty()) {
                builder.crossRegionAccessEnabled(true);
            }
            tuning.accept(builder);
        });
    }

    // ---- credentials ----------------------------------------------------------------------------

    /** Static keys, with the session token of temporary credentials when there is one. */
    public static AwsCredentialsProvider staticKeys(AwsCredentials c) {
        return StaticCredentialsProvider.create(c.sessionToken()
                .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                        token -> AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), token))
                .orElseGet(() -> AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())));
    }

    /**
     * The host's own credentials (environment, profile, instance role), else unsigned requests
     * (public buckets, emulators). The provider that answered once is asked first from then on.
     */
    public static AwsCredentialsProvider hostOrAnonymous() {
        return AwsCredentialsProviderChain.builder()
                .reuseLastProviderEnabled(true)
                .credentialsProviders(DefaultCredentialsProvider.builder().build(),
                        AnonymousCredentialsProvider.create())
                .build();
    }

    /**
     * Credentials for the calls to one target: its own keys, or a session of the role it assumes
     * with them (STS AssumeRole, refreshed before it expires). Nothing is asked of STS until the
     * credentials are first used; {@link Session#verify()} asks at once. Close the session after
     * the calls.
     *
     * @param sessionName the role session name AWS records in CloudTrail for these calls
     */
    public Session session(AwsTarget target, String sessionName) {
        AwsCredentialsProvider own = staticKeys(target.credentials());
        if (target.roleToAssume().isEmpty()) {
            return new Session(own, null, null);
        }
        StsClient sts = build(StsClient.builder(), own, Region.of(target.region()));
        StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(AssumeRoleRequest.builder()
                        .roleArn(target.roleToAssume().get())
                        .roleSessionName(sessionName)
                        .build())
                .build();
        return new Session(assumed, sts, assumed);
    }

    /** The credentials of one target's calls; closing it stops the assumed role's refresh and its STS client. */
    public static final class Session implements AutoCloseable {
        private final AwsCredentialsProvider credentials;
        private final StsClient sts;
        private final StsAssumeRoleCredentialsProvider assumed;

        private Session(AwsCredentialsProvider credentials, StsClient sts, StsAssumeRoleCredentialsProvider assumed) {
            this.credentials = credentials;
            this.sts = sts;
            this.assumed = assumed;
        }

        public AwsCredentialsProvider credentials() {
            return credentials;
        }

        /**
         * Assumes the role now, so that a role that cannot be assumed fails here, once, and not in
         * every call made with the session. Nothing to do for a target's own keys.
         *
         * @throws SdkException if STS refuses
         */
        public Session verify() {
            if (assumed != null) {
                assumed.resolveCredentials();
            }
            return this;
        }

        @Override
        public void close() {
            if (assumed != null) {
                assumed.close();
            }
            if (sts != null) {
                sts.close();
            }
        }
    }

    // ---- errors ---------------------------------------------------------------------------------

    /**
     * What went wrong, for a person: AWS's error code, the HTTP status and AWS's message when AWS
     * answered (e.g. {@code AccessDenied (403): ...}), {@code HTTP 403: ...} when the answer had
     * no error code, else the SDK's own message (unreachable endpoint, timeout, ...).
     */
    public static String describe(SdkException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            String code = aws.awsErrorDetails().errorCode();
            String message = aws.awsErrorDetails().errorMessage();
            if (code != null) {
                return code + " (" + aws.statusCode() + ")" + (message == null ? "" : ": " + message);
            }
            return "HTTP " + aws.statusCode() + ": " + aws.getMessage();
        }
        return e.getMessage();
    }
}

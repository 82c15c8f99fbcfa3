package io.opsledger.web.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.opsledger.identity.api.Role;
import io.opsledger.testing.AppTest;
import io.opsledger.testing.InventoryFrontend;
import io.opsledger.testing.MotoServer;
import io.opsledger.testing.NginxServer;
import io.opsledger.web.inventory.InventoryClient.Response;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The asset inventory's real frontend (CN-Asset-Manager's React app, unmodified) against this
 * OpsLedger: built with npm, served by nginx with its own nginx.conf, walked in Debian's headless
 * Chromium by {@code src/test/frontend-walk/walk.mjs} from sign-in to sign-out. Any answer >= 400
 * or console error the walk did not provoke on purpose fails the test. AWS is a real moto_server
 * (this class's own application context points at it), mail a real GreenMail.
 */
class FrontendWalkTest extends AppTest {

    static final MotoServer MOTO = MotoServer.start();
    /** An EC2 Name tag is anyone's to write who may tag: here a formula, which the CSV export must defuse. */
    private static final String FORMULA_INSTANCE = "=HYPERLINK(\"http://attacker.example/\",\"open\")";
    private static final String PLAIN_INSTANCE = "e2e-api-1";
    private static final long WALK_TIMEOUT_MINUTES = 8;

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        registry.add("opsledger.aws-endpoint", () -> MOTO.endpoint().toString());
    }

    @AfterAll
    static void stopMoto() { MOTO.close(); }

    private static void instances(String... names) {
        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(MOTO.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            for (String name : names) {
                ec2.runInstances(b -> b.imageId("ami-12c6146b").instanceType("t3.micro").minCount(1).maxCount(1)
                        .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                                .tags(Tag.builder().key("Name").value(name).build()).build()));
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theRealFrontendWorksFromSignInToSignOut() throws Exception {
        // what the walk finds already there: instances in AWS (one named by a formula, as a tag can be),
        // and an RDS asset in a category, which the frontend has no page to set
        instances(FORMULA_INSTANCE, PLAIN_INSTANCE);
        InventoryClient api = InventoryClient.withToken(http(), user(Role.ADMIN).token());
        String category = "Databases-" + UUID.randomUUID().toString().substring(0, 6);
        Response cat = api.post("/api/categories/", Map.of("name", category, "icon", "bi-database"));
        assertThat(cat.status()).as(cat.text()).isEqualTo(201);
        String seed = "e2e-orders-db";
        Response asset = api.post("/api/assets/", Map.of("name", seed, "asset_type", "AWS_SERVICE",
                "aws_service_type", "RDS", "category", cat.at("/id").asText()));
        assertThat(asset.status()).as(asset.text()).isEqualTo(201);
        TestUser admin = user(Role.ADMIN); // its own user: the walk changes the password

        Path work = Files.createTempDirectory("opsledger-frontend-walk");
        Path dist = InventoryFrontend.build(work.resolve("app"));
        Path walk = InventoryFrontend.inRepository("api-web/src/test/frontend-walk");
        Path runner = Files.createDirectories(work.resolve("walk"));
        Files.copy(walk.resolve("walk.mjs"), runner.resolve("walk.mjs"));
        Files.createSymbolicLink(runner.resolve("node_modules"), InventoryFrontend.nodeModules(walk));

        GreenMail mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try (NginxServer nginx = NginxServer.start(p -> InventoryFrontend.site(dist, p, "127.0.0.1:" + port))) {
            Path report = work.resolve("report.json");
            Path output = work.resolve("walk.log");
            ProcessBuilder node = new ProcessBuilder("node", "walk.mjs").directory(runner.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            node.environment().putAll(Map.of(
                    "WALK_BASE_URL", nginx.baseUrl(),
                    "WALK_USERNAME", admin.username(),
                    "WALK_PASSWORD", admin.password(),
                    "WALK_NEW_PASSWORD", "changed-" + UUID.randomUUID().toString().substring(0, 8),
                    "WALK_ACCOUNT_ID", MotoServer.ACCOUNT,
                    "WALK_SMTP_PORT", String.valueOf(mail.getSmtp().getPort()),
                    "WALK_SEED_ASSET", seed,
                    "WALK_SEED_CATEGORY", category,
                    "WALK_PLAIN_INSTANCE", PLAIN_INSTANCE,
                    "WALK_REPORT", report.toString()));
            node.environment().put("WALK_ARTIFACTS", work.resolve("artifacts").toString());
            Process process = node.start();
            boolean ended = process.waitFor(WALK_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!ended) {
                process.destroyForcibly();
            }
            String log = Files.readString(output);
            System.out.println("frontend walk (artifacts in " + work + "):\n" + log);
            assertThat(ended).as("the walk did not end within %d minutes:\n%s", WALK_TIMEOUT_MINUTES, log).isTrue();
            JsonNode result = new ObjectMapper().readTree(report.toFile());
            assertThat(result.get("failure").isNull()).as("a step failed:\n%s\nnginx:\n%s", log, nginx.log()).isTrue();
            assertThat(result.get("unexpected")).as("answers and errors the page did not expect:\n%s", log).isEmpty();
            assertThat(result.get("missing")).as("errors a step provoked on purpose did not come:\n%s", log).isEmpty();
            assertThat(process.exitValue()).as(log).isZero();

            // the settings page's test mail went out through SMTP, from the sender the page left as served
            MimeMessage[] received = mail.getReceivedMessages();
            assertThat(received).hasSize(1);
            InternetAddress from = (InternetAddress) received[0].getFrom()[0];
            assertThat(from.getAddress()).isEqualTo("opsledger@localhost");
            assertThat(from.getPersonal()).isEqualTo("Asset Manager E2E");
            FileSystemUtils.deleteRecursively(work); // kept when the walk fails: screenshot, page, downloads
        } finally {
            mail.stop();
        }
    }
}

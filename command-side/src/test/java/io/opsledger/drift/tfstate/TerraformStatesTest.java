package io.opsledger.drift.tfstate;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TerraformStatesTest {

    /** A state as Terraform 1.5 writes it, with a count resource, a module, a data source and check_results. */
    static final String SAMPLE = """
            {
              "version": 4,
              "terraform_version": "1.5.0",
              "serial": 7,
              "lineage": "3f5e8a2c-1111-2222-3333-444455556666",
              "outputs": {
                "instance_ip": {"value": "10.0.1.100", "type": "string"},
                "db_password": {"value": "s3cret", "type": "string", "sensitive": true}
              },
              "resources": [
                {
                  "mode": "managed",
                  "type": "aws_instance",
                  "name": "web_server",
                  "provider": "provider[\\"registry.terraform.io/hashicorp/aws\\"]",
                  "instances": [
                    {
                      "schema_version": 1,
                      "attributes": {"id": "i-1234567890abcdef0", "ami": "ami-12345678", "instance_type": "t3.micro",
                                     "tags": {"Name": "web", "kubernetes.io/cluster/x": "owned"}},
                      "sensitive_attributes": [],
                      "private": "eyJzY2hlbWFfdmVyc2lvbiI6IjEifQ==",
                      "dependencies": ["aws_security_group.web"],
                      "identity_schema_version": 0
                    }
                  ]
                },
                {
                  "module": "module.net",
                  "mode": "managed",
                  "type": "aws_subnet",
                  "name": "a",
                  "each": "list",
                  "provider": "provider[\\"registry.terraform.io/hashicorp/aws\\"]",
                  "instances": [
                    {"index_key": 0, "schema_version": 1, "attributes": {"id": "subnet-1"}, "sensitive_attributes": []},
                    {"index_key": 1, "schema_version": 1, "attributes": {"id": "subnet-2"}, "sensitive_attributes": []}
                  ]
                },
                {
                  "mode": "data",
                  "type": "aws_ami",
                  "name": "ubuntu",
                  "provider": "provider[\\"registry.terraform.io/hashicorp/aws\\"]",
                  "instances": [{"schema_version": 0, "attributes": {"id": "ami-1"}, "sensitive_attributes": []}]
                }
              ],
              "check_results": null
            }
            """;

    @Test
    void parsesFormatFour() {
        TerraformState state = TerraformStates.parse(SAMPLE.getBytes(StandardCharsets.UTF_8));
        assertThat(state.version()).isEqualTo(4);
        assertThat(state.terraformVersion()).isEqualTo("1.5.0");
        assertThat(state.serial()).isEqualTo(7);
        assertThat(state.lineage()).isEqualTo("3f5e8a2c-1111-2222-3333-444455556666");
        assertThat(state.outputs()).containsKeys("instance_ip", "db_password");
        assertThat(state.outputs().get("db_password").sensitive()).isTrue();
        assertThat(state.resources()).extracting(StateResource::address)
                .containsExactly("aws_instance.web_server", "module.net.aws_subnet.a", "data.aws_ami.ubuntu");
        StateResource subnet = state.resources().get(1);
        assertThat(subnet.instances()).extracting(subnet::address)
                .containsExactly("module.net.aws_subnet.a[0]", "module.net.aws_subnet.a[1]");
        ResourceInstance web = state.resources().get(0).instances().get(0);
        assertThat(web.resourceId()).isEqualTo("i-1234567890abcdef0");
        assertThat(web.attributes()).containsEntry("instance_type", "t3.micro");
        assertThat(web.dependencies()).containsExactly("aws_security_group.web");
        assertThat(web.extra()).containsEntry("identity_schema_version", 0);
        assertThat(state.extra()).containsKey("check_results");
    }

    @Test
    void writeThenParseGivesTheSameState() {
        TerraformState state = TerraformStates.parse(SAMPLE.getBytes(StandardCharsets.UTF_8));
        byte[] written = TerraformStates.write(state);
        String text = new String(written, StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\n  \"version\": 4,\n  \"terraform_version\": \"1.5.0\",\n").endsWith("}\n");
        assertThat(TerraformStates.parse(written)).isEqualTo(state);
        assertThat(TerraformStates.checksum(written)).hasSize(64).isEqualTo(TerraformStates.checksum(TerraformStates.write(state)));
    }

    @Test
    void rejectsOtherFormats() {
        assertThatThrownBy(() -> TerraformStates.parse("{\"version\": 3}".getBytes())).isInstanceOf(InvalidStateException.class)
                .hasMessageContaining("version 3");
        assertThatThrownBy(() -> TerraformStates.parse("not json".getBytes())).isInstanceOf(InvalidStateException.class);
        assertThatThrownBy(() -> TerraformStates.parse("[1]".getBytes())).isInstanceOf(InvalidStateException.class);
    }

    @Test
    void importMoveAndRemoveBumpTheSerialAndKeepTheLineage() {
        TerraformState state = TerraformStates.parse(SAMPLE.getBytes(StandardCharsets.UTF_8));
        TerraformState imported = state.importResource("aws_s3_bucket", "logs", "my-logs");
        assertThat(imported.serial()).isEqualTo(8);
        assertThat(imported.lineage()).isEqualTo(state.lineage());
        StateResource bucket = imported.find("aws_s3_bucket.logs").orElseThrow();
        assertThat(bucket.provider()).isEqualTo("provider[\"registry.terraform.io/hashicorp/aws\"]");
        assertThat(bucket.instances().get(0).attributes()).isEqualTo(Map.of("id", "my-logs"));

        TerraformState moved = imported.move("aws_instance.web_server", "aws_instance.frontend");
        assertThat(moved.serial()).isEqualTo(9);
        assertThat(moved.find("aws_instance.web_server")).isEmpty();
        assertThat(moved.find("aws_instance.frontend").orElseThrow().instances().get(0).resourceId())
                .isEqualTo("i-1234567890abcdef0");
        TerraformState intoModule = moved.move("aws_instance.frontend", "module.app.aws_instance.frontend");
        assertThat(intoModule.find("module.app.aws_instance.frontend")).isPresent();

        TerraformState removed = intoModule.remove("data.aws_ami.ubuntu");
        assertThat(removed.serial()).isEqualTo(11);
        assertThat(removed.resources()).extracting(StateResource::address)
                .containsExactly("module.app.aws_instance.frontend", "module.net.aws_subnet.a", "aws_s3_bucket.logs");
        assertThat(TerraformStates.parse(TerraformStates.write(removed))).isEqualTo(removed);
        assertThat(state.serial()).isEqualTo(7); // immutable
    }

    @Test
    void editsSayWhatIsWrong() {
        TerraformState state = TerraformStates.parse(SAMPLE.getBytes(StandardCharsets.UTF_8));
        assertReason(() -> state.importResource("aws_instance", "web_server", "i-2"), StateEditException.Reason.ALREADY_EXISTS);
        assertReason(() -> state.importResource("aws_instance", "x", " "), StateEditException.Reason.INVALID);
        assertReason(() -> state.importResource("aws instance", "x", "i-1"), StateEditException.Reason.INVALID);
        assertReason(() -> state.move("aws_instance.nope", "aws_instance.x"), StateEditException.Reason.NOT_FOUND);
        assertReason(() -> state.move("aws_instance.web_server", "aws_vpc.x"), StateEditException.Reason.INVALID);
        assertReason(() -> state.move("aws_instance.web_server", "aws_instance.web_server"), StateEditException.Reason.ALREADY_EXISTS);
        assertReason(() -> state.remove("aws_instance.web_server[0]"), StateEditException.Reason.INVALID);
        assertReason(() -> state.remove("aws_instance.gone"), StateEditException.Reason.NOT_FOUND);
    }

    @Test
    void anEmptyStateIsVersionFour() {
        TerraformState empty = TerraformState.empty("1.9.0", "abc");
        assertThat(TerraformStates.parse(TerraformStates.write(empty))).isEqualTo(empty);
        assertThat(empty.resources()).isEqualTo(List.of());
    }

    private static void assertReason(Runnable edit, StateEditException.Reason reason) {
        assertThatThrownBy(edit::run).isInstanceOfSatisfying(StateEditException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

package io.opsledger.drift.tfstate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsledger.common.SecretCipher;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SensitiveValuesTest {

    /** Written by terraform 1.11.4: a sensitive variable in a terraform_data input (nested and whole), a sensitive output. */
    static final String TERRAFORM_1_11 = """
            {
              "version": 4,
              "terraform_version": "1.11.4",
              "serial": 3,
              "lineage": "60e04cde-8b47-b200-710f-232e780905cb",
              "outputs": {
                "plain": {
                  "value": "visible",
                  "type": "string"
                },
                "secret": {
                  "value": "s3cr3t-out",
                  "type": "string",
                  "sensitive": true
                }
              },
              "resources": [
                {
                  "mode": "managed",
                  "type": "terraform_data",
                  "name": "db",
                  "provider": "provider[\\"terraform.io/builtin/terraform\\"]",
                  "instances": [
                    {
                      "schema_version": 0,
                      "attributes": {
                        "id": "db6d94fe-9b70-0c89-9438-92f7fc4f4534",
                        "input": {
                          "value": {
                            "list": [
                              "a",
                              "hunter2-pw"
                            ],
                            "password": "hunter2-pw",
                            "user": "admin"
                          },
                          "type": [
                            "object",
                            {
                              "list": [
                                "tuple",
                                [
                                  "string",
                                  "string"
                                ]
                              ],
                              "password": "string",
                              "user": "string"
                            }
                          ]
                        },
                        "output": {
                          "value": {
                            "list": [
                              "a",
                              "hunter2-pw"
                            ],
                            "password": "hunter2-pw",
                            "user": "admin"
                          },
                          "type": [
                            "object",
                            {
                              "list": [
                                "tuple",
                                [
                                  "string",
                                  "string"
                                ]
                              ],
                              "password": "string",
                              "user": "string"
                            }
                          ]
                        },
                        "triggers_replace": null
                      },
                      "sensitive_attributes": [
                        [
                          {
                            "type": "get_attr",
                            "value": "input"
                          },
                          {
                            "type": "get_attr",
                            "value": "list"
                          },
                          {
                            "type": "index",
                            "value": {
                              "value": 1,
                              "type": "number"
                            }
                          }
                        ],
                        [
                          {
                            "type": "get_attr",
                            "value": "input"
                          },
                          {
                            "type": "get_attr",
                            "value": "password"
                          }
                        ]
                      ]
                    }
                  ]
                },
                {
                  "mode": "managed",
                  "type": "terraform_data",
                  "name": "whole",
                  "provider": "provider[\\"terraform.io/builtin/terraform\\"]",
                  "instances": [
                    {
                      "schema_version": 0,
                      "attributes": {
                        "id": "0c35fae2-8f46-016c-1c4f-d4623d2ea418",
                        "input": {
                          "value": "hunter2-pw",
                          "type": "string"
                        },
                        "output": {
                          "value": "hunter2-pw",
                          "type": "string"
                        },
                        "triggers_replace": null
                      },
                      "sensitive_attributes": [
                        [
                          {
                            "type": "get_attr",
                            "value": "input"
                          }
                        ]
                      ]
                    }
                  ]
                }
              ],
              "check_results": null
            }
            """;

    static final String SECRET = "hunter2-pw";

    private static SecretCipher cipher() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretCipher(key);
    }

    private static TerraformState state() { return TerraformStates.parse(TERRAFORM_1_11.getBytes(StandardCharsets.UTF_8)); }

    @Test
    void sealingMasksEveryMarkedValueAndKeepsItOnlyEncrypted() throws Exception {
        TerraformState plain = state();
        assertThat(SensitiveValues.exposes(plain)).isTrue();
        TerraformState sealed = SensitiveValues.seal(plain, cipher());

        assertThat(SensitiveValues.exposes(sealed)).isFalse();
        assertThat(SensitiveValues.hasSealed(sealed)).isTrue();
        assertThat(sealed.outputs().get("secret").value()).isEqualTo(SensitiveValues.MASK);
        assertThat(sealed.outputs().get("secret").sensitive()).isTrue();
        assertThat(sealed.outputs().get("plain")).isEqualTo(plain.outputs().get("plain"));
        Map<String, Object> db = sealed.find("terraform_data.db").orElseThrow().instances().get(0).attributes();
        assertThat(db.get("input")).isEqualTo(Map.of("value", Map.of("list", List.of("a", SensitiveValues.MASK),
                "password", SensitiveValues.MASK, "user", "admin"), "type", ((Map<?, ?>) plain.find("terraform_data.db")
                .orElseThrow().instances().get(0).attributes().get("input")).get("type")));
        assertThat(sealed.find("terraform_data.whole").orElseThrow().instances().get(0).attributes().get("input"))
                .isEqualTo(SensitiveValues.MASK);
        assertThat(sealed.find("terraform_data.whole").orElseThrow().instances().get(0).sealed())
                .extracting(SealedValue::path).containsExactly(List.of("input"));

        // what an event would carry: no plaintext, in its record form or as a state file
        ResourceInstance dbInstance = sealed.find("terraform_data.db").orElseThrow().instances().get(0);
        String asEvent = new ObjectMapper().writeValueAsString(List.of(dbInstance.attributes().get("input"), dbInstance.sealed(),
                sealed.outputs(), sealed.find("terraform_data.whole").orElseThrow().instances().get(0).sealed()));
        assertThat(asEvent).doesNotContain(SECRET).doesNotContain("s3cr3t-out").contains("ciphertext");
        assertThat(new String(TerraformStates.write(sealed), StandardCharsets.UTF_8)).doesNotContain("s3cr3t-out");
        // terraform_data's computed "output" is not marked sensitive by terraform: we follow its marks
        assertThat(dbInstance.attributes().get("output").toString()).contains(SECRET);
    }

    @Test
    void openingGivesBackTheStateAsTerraformWroteIt() {
        SecretCipher cipher = cipher();
        TerraformState plain = state();
        TerraformState sealed = SensitiveValues.seal(plain, cipher);
        assertThat(new String(TerraformStates.write(SensitiveValues.open(sealed, cipher)), StandardCharsets.UTF_8))
                .isEqualTo(new String(TerraformStates.write(plain), StandardCharsets.UTF_8));
        // edits keep the sealed values with their resources and outputs
        TerraformState edited = sealed.move("terraform_data.db", "module.app.terraform_data.db").importResource("aws_vpc", "main", "vpc-1");
        TerraformState written = SensitiveValues.open(edited, cipher);
        assertThat(written.find("module.app.terraform_data.db").orElseThrow().instances().get(0).attributes().get("input").toString())
                .contains("password=" + SECRET);
        assertThat(written.outputs().get("secret").value()).isEqualTo("s3cr3t-out");
        assertThat(written.serial()).isEqualTo(plain.serial() + 2);
        // another master key cannot open it
        assertThatThrownBy(() -> SensitiveValues.open(sealed, cipher())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sealingTwiceChangesNothingAndPlainStatesStayAsTheyAre() {
        SecretCipher cipher = cipher();
        TerraformState sealed = SensitiveValues.seal(state(), cipher);
        assertThat(SensitiveValues.seal(sealed, cipher)).isEqualTo(sealed);
        TerraformState none = TerraformState.empty("1.11.4", "l").importResource("aws_instance", "web", "i-1");
        assertThat(SensitiveValues.seal(none, cipher)).isEqualTo(none);
        assertThat(SensitiveValues.exposes(none)).isFalse();
        assertThat(SensitiveValues.hasSealed(none)).isFalse();
    }

    @Test
    void aPathThatCannotBeFollowedHidesItsWholeAttribute() {
        ResourceInstance odd = new ResourceInstance(null, 0, Map.of("id", "x", "connection", Map.of("password", "pw-1", "host", "h")),
                List.of(List.of(Map.of("type", "get_attr", "value", "connection"), Map.of("type", "get_attr", "value", "nope"))),
                null, List.of(), Map.of());
        assertThat(SensitiveValues.masked(odd)).isEqualTo(Map.of("id", "x", "connection", SensitiveValues.MASK));
        ResourceInstance absent = new ResourceInstance(null, 0, Map.of("id", "x"),
                List.of(List.of(Map.of("type", "get_attr", "value", "password"))), null, List.of(), Map.of());
        assertThat(SensitiveValues.masked(absent)).isEqualTo(Map.of("id", "x"));
    }
}

package io.opsledger.web.migration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** api_migration's five resources: create, read, list, change and delete, in JSON, urlencoded and multipart bodies. */
class MigrationResourcesTest extends MigrationApiTest {

    @Test
    void credentialsInEveryBodyFormatWithThePasswordNeverShown() {
        Caller me = signUp();
        for (Body kind : Body.values()) {
            String domain = unique("corp");
            JsonNode created = expect(send("POST", "/api/v1/credentials/", me, kind,
                    body("username", "admin", "password", "p4ssw0rd!", "domain", domain)), 201);
            assertThat(created.path("id").isIntegralNumber()).as(kind.name()).isTrue();
            long id = created.path("id").asLong();
            assertThat(created).isEqualTo(tree(Map.of("id", id, "username", "admin", "password", "********",
                    "domain", domain)));
            assertThat(expect(send("GET", "/api/v1/credentials/" + id + "/", me), 200)).isEqualTo(created);
            assertThat(expect(send("GET", "/api/v1/credentials/" + id, me), 200)).isEqualTo(created);

            JsonNode changed = expect(send("PATCH", "/api/v1/credentials/" + id + "/", me, kind,
                    body("domain", domain + ".new", "password", "another-one")), 200);
            assertThat(changed.path("domain").asText()).isEqualTo(domain + ".new");
            assertThat(changed.path("username").asText()).isEqualTo("admin");
            assertThat(changed.path("password").asText()).isEqualTo("********");

            JsonNode list = expect(send("GET", "/api/v1/credentials/", me), 200);
            assertThat(list.isArray()).isTrue();
            assertThat(list.findValuesAsText("id")).contains(String.valueOf(id));
            assertThat(list.toString()).doesNotContain("p4ssw0rd!", "another-one");

            send("DELETE", "/api/v1/credentials/" + id + "/", me).expectStatus().isNoContent().expectBody().isEmpty();
            assertThat(expect(send("GET", "/api/v1/credentials/" + id + "/", me), 404))
                    .isEqualTo(tree(Map.of("detail", "Not found.")));
        }
    }

    @Test
    void credentialsFieldErrors() {
        Caller me = signUp();
        assertThat(expect(send("POST", "/api/v1/credentials/", me, Body.JSON, body()), 400)).isEqualTo(tree(Map.of(
                "username", List.of("This field is required."), "password", List.of("This field is required."),
                "domain", List.of("This field is required."))));
        assertThat(expect(send("POST", "/api/v1/credentials/", me, Body.FORM,
                body("username", " ", "password", "x", "domain", "d".repeat(101))), 400)).isEqualTo(tree(Map.of(
                "username", List.of("This field may not be blank."),
                "domain", List.of("Ensure this field has no more than 100 characters."))));
        assertThat(expect(send("POST", "/api/v1/credentials/", me, Body.MULTIPART,
                body("username", "u".repeat(51), "password", "x", "domain", "d")), 400)).isEqualTo(tree(Map.of(
                "username", List.of("Ensure this field has no more than 50 characters."))));
        long id = credential(me, "corp");
        assertThat(expect(send("PATCH", "/api/v1/credentials/" + id + "/", me, Body.JSON, body("domain", "")), 400))
                .isEqualTo(tree(Map.of("domain", List.of("This field may not be blank."))));
        assertThat(expect(send("PATCH", "/api/v1/credentials/" + id + "/", me, Body.JSON, body("username", null)), 400))
                .isEqualTo(tree(Map.of("username", List.of("This field may not be null."))));
    }

    @Test
    void mountPointsInEveryBodyFormat() {
        Caller me = signUp();
        long macSized = 0xFFFF_FFFF_FFFFL; // the original's tests sent uuid.getnode()
        for (Body kind : Body.values()) {
            String name = unique("/mnt");
            JsonNode created = expect(send("POST", "/api/v1/mount_points/", me, kind,
                    body("mount_point_name", name, "total_size_of_the_volume", macSized)), 201);
            long id = created.path("id").asLong();
            assertThat(created).isEqualTo(tree(Map.of("id", id, "mount_point_name", name,
                    "total_size_of_the_volume", macSized)));
            JsonNode changed = expect(send("PATCH", "/api/v1/mount_points/" + id + "/", me, kind,
                    body("total_size_of_the_volume", "20")), 200);
            assertThat(changed.path("total_size_of_the_volume").asLong()).isEqualTo(20);
            assertThat(changed.path("mount_point_name").asText()).isEqualTo(name);
            assertThat(expect(send("GET", "/api/v1/mount_points/" + id + "/", me), 200)).isEqualTo(changed);
            assertThat(expect(send("GET", "/api/v1/mount_points/", me), 200).findValuesAsText("mount_point_name")).contains(name);
            send("DELETE", "/api/v1/mount_points/" + id + "/", me).expectStatus().isNoContent();
            send("GET", "/api/v1/mount_points/" + id + "/", me).expectStatus().isNotFound();
        }
        assertThat(expect(send("POST", "/api/v1/mount_points/", me, Body.JSON, body()), 400)).isEqualTo(tree(Map.of(
                "mount_point_name", List.of("This field is required."),
                "total_size_of_the_volume", List.of("This field is required."))));
        assertThat(expect(send("POST", "/api/v1/mount_points/", me, Body.FORM,
                body("mount_point_name", "/data", "total_size_of_the_volume", "lots")), 400)).isEqualTo(tree(Map.of(
                "total_size_of_the_volume", List.of("A valid integer is required."))));
        for (long size : new long[] {-1, -5}) { // Django's PositiveIntegerField takes 0
            JsonNode refused = expect(send("POST", "/api/v1/mount_points/", me, Body.JSON,
                    body("mount_point_name", "/data", "total_size_of_the_volume", size)), 400);
            assertThat(refused.path("total_size_of_the_volume").isArray()).as(refused.toString()).isTrue();
        }
    }

    @Test
    void workLoadsNestTheirCredentialsAndStorage() {
        Caller me = signUp();
        long credentials = credential(me, "corp-a");
        long other = credential(me, "corp-b");
        long root = mountPoint(me, "C:\\", 100);
        long data = mountPoint(me, "D:\\", 200);

        String ip = ip();
        JsonNode created = expect(send("POST", "/api/v1/work_loads/", me, Body.JSON,
                body("ip", ip, "credentials", credentials, "storage", List.of(data, root))), 201);
        long id = created.path("id").asLong();
        assertThat(created.path("ip").asText()).isEqualTo(ip);
        assertThat(created.path("credentials")).isEqualTo(tree(Map.of("id", credentials, "username", "admin",
                "password", "********", "domain", "corp-a")));
        assertThat(names(created.path("storage"))).containsExactly("C:\\", "D:\\");
        assertThat(created.path("storage").get(0)).isEqualTo(tree(Map.of("id", root, "mount_point_name", "C:\\",
                "total_size_of_the_volume", 100)));
        assertThat(expect(send("GET", "/api/v1/work_loads/" + id + "/", me), 200)).isEqualTo(created);
        assertThat(expect(send("GET", "/api/v1/work_loads/", me), 200).findValuesAsText("ip")).contains(ip);

        // a form repeats the field for a list; multipart as Django's test client sends it, one value
        JsonNode form = expect(send("POST", "/api/v1/work_loads/", me, Body.FORM,
                body("ip", ip(), "credentials", credentials, "storage", List.of(root, data))), 201);
        assertThat(names(form.path("storage"))).containsExactly("C:\\", "D:\\");
        JsonNode multipart = expect(send("POST", "/api/v1/work_loads/", me, Body.MULTIPART,
                body("ip", ip(), "credentials", other, "storage", data)), 201);
        assertThat(names(multipart.path("storage"))).containsExactly("D:\\");
        assertThat(multipart.path("credentials").path("domain").asText()).isEqualTo("corp-b");

        // the original's own test: no storage is exactly this body
        String noStorage = send("POST", "/api/v1/work_loads/", me, Body.MULTIPART, body("ip", ip(), "credentials", credentials))
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        assertThat(noStorage).isEqualTo("{\"storage\":[\"This field is required.\"]}");
        assertThat(expect(send("POST", "/api/v1/work_loads/", me, Body.JSON,
                body("ip", ip(), "credentials", credentials, "storage", List.of())), 400))
                .isEqualTo(tree(Map.of("storage", List.of("This field is required."))));
        assertThat(expect(send("POST", "/api/v1/work_loads/", me, Body.JSON, body()), 400)).isEqualTo(tree(Map.of(
                "ip", List.of("This field is required."), "credentials", List.of("This field is required."),
                "storage", List.of("This field is required."))));
        assertThat(expect(send("POST", "/api/v1/work_loads/", me, Body.JSON,
                body("ip", ip(), "credentials", "first", "storage", List.of("x"))), 400)).isEqualTo(tree(Map.of(
                "credentials", List.of("Incorrect type. Expected pk value, received str."),
                "storage", List.of("Incorrect type. Expected pk value, received str."))));
        assertThat(expect(send("POST", "/api/v1/work_loads/", me, Body.FORM,
                body("ip", ip, "credentials", credentials, "storage", data)), 400))
                .isEqualTo(tree(Map.of("ip", List.of("This field is unique."))));
        JsonNode missing = expect(send("POST", "/api/v1/work_loads/", me, Body.JSON,
                body("ip", ip(), "credentials", 987654321, "storage", List.of(data))), 400);
        assertThat(missing.path("credentials").isArray()).as(missing.toString()).isTrue();

        // the ip never changes; credentials and storage do
        assertThat(expect(send("PATCH", "/api/v1/work_loads/" + id + "/", me, Body.FORM, body("ip", ip())), 400))
                .isEqualTo(tree(Map.of("ip", List.of("Can't change for the specific source."))));
        JsonNode changed = expect(send("PATCH", "/api/v1/work_loads/" + id + "/", me, Body.MULTIPART,
                body("credentials", other)), 200);
        assertThat(changed.path("credentials").path("domain").asText()).isEqualTo("corp-b");
        assertThat(changed.path("ip").asText()).isEqualTo(ip);
        assertThat(names(changed.path("storage"))).containsExactly("C:\\", "D:\\");
        JsonNode fewer = expect(send("PATCH", "/api/v1/work_loads/" + id + "/", me, Body.JSON,
                body("storage", List.of(data))), 200);
        assertThat(names(fewer.path("storage"))).containsExactly("D:\\");
        assertThat(expect(send("GET", "/api/v1/work_loads/" + id + "/", me), 200)).isEqualTo(fewer);

        // what a workload uses is not deleted from under it
        JsonNode inUse = expect(send("DELETE", "/api/v1/credentials/" + other + "/", me), 400);
        assertThat(inUse.path("detail").asText()).as(inUse.toString()).isNotEmpty();
        send("DELETE", "/api/v1/work_loads/" + form.path("id").asLong() + "/", me).expectStatus().isNoContent();
        send("GET", "/api/v1/work_loads/" + form.path("id").asLong() + "/", me).expectStatus().isNotFound();
    }

    @Test
    void migrationTargetsNestCredentialsAndTheirVm() {
        Caller me = signUp();
        long credentials = credential(me, "cloud");
        long disk = mountPoint(me, "/", 10);
        String ip = ip();
        long vm = workLoad(me, ip, credentials, List.of(disk));

        JsonNode plain = expect(send("POST", "/api/v1/migration_targets/", me, Body.FORM, body("cloud_credentials", credentials)), 201);
        assertThat(plain.path("cloud_type").asText()).isEqualTo("aws");
        assertThat(plain.path("target_vm").isNull()).isTrue();
        assertThat(plain.has("target_vm")).isTrue();
        assertThat(plain.path("cloud_credentials").path("domain").asText()).isEqualTo("cloud");
        assertThat(plain.path("cloud_credentials").path("password").asText()).isEqualTo("********");

        JsonNode withVm = expect(send("POST", "/api/v1/migration_targets/", me, Body.JSON,
                body("cloud_type", "azure", "cloud_credentials", credentials, "target_vm", vm)), 201);
        assertThat(withVm.path("cloud_type").asText()).isEqualTo("azure");
        assertThat(withVm.path("target_vm").path("ip").asText()).isEqualTo(ip);
        assertThat(names(withVm.path("target_vm").path("storage"))).containsExactly("/");
        assertThat(withVm.path("target_vm").path("credentials").path("id").asLong()).isEqualTo(credentials);
        long id = withVm.path("id").asLong();
        assertThat(expect(send("GET", "/api/v1/migration_targets/" + id + "/", me), 200)).isEqualTo(withVm);
        assertThat(expect(send("GET", "/api/v1/migration_targets/", me), 200).size()).isEqualTo(2);

        JsonNode vcloud = expect(send("PATCH", "/api/v1/migration_targets/" + id + "/", me, Body.MULTIPART,
                body("cloud_type", "vcloud")), 200);
        assertThat(vcloud.path("cloud_type").asText()).isEqualTo("vcloud");
        assertThat(vcloud.path("target_vm").path("id").asLong()).isEqualTo(vm);
        JsonNode cleared = expect(send("PATCH", "/api/v1/migration_targets/" + id + "/", me, Body.JSON,
                body("target_vm", null)), 200);
        assertThat(cleared.path("target_vm").isNull()).isTrue();
        assertThat(cleared.path("cloud_type").asText()).isEqualTo("vcloud");

        assertThat(expect(send("POST", "/api/v1/migration_targets/", me, Body.FORM, body("cloud_type", "gcp")), 400))
                .isEqualTo(tree(Map.of("cloud_type", List.of("\"gcp\" is not a valid choice."),
                        "cloud_credentials", List.of("This field is required."))));
        JsonNode noVm = expect(send("POST", "/api/v1/migration_targets/", me, Body.JSON,
                body("cloud_credentials", credentials, "target_vm", 987654321)), 400);
        assertThat(noVm.path("target_vm").isArray()).as(noVm.toString()).isTrue();

        send("DELETE", "/api/v1/migration_targets/" + plain.path("id").asLong() + "/", me).expectStatus().isNoContent();
        send("GET", "/api/v1/migration_targets/" + plain.path("id").asLong() + "/", me).expectStatus().isNotFound();
    }

    @Test
    void migrationsNestMountPointsSourceAndTarget() {
        Caller me = signUp();
        long credentials = credential(me, "corp");
        long one = mountPoint(me, "/one", 1);
        long two = mountPoint(me, "/two", 2);
        String ip = ip();
        long source = workLoad(me, ip, credentials, List.of(one, two));
        long target = target(me, credentials);

        JsonNode created = expect(send("POST", "/api/v1/migrations/", me, Body.JSON,
                body("selected_mount_points", List.of(two), "source_of_type", source, "migration_target", target)), 201);
        long id = created.path("id").asLong();
        assertThat(created.path("migration_state").asText()).isEqualTo("not_started");
        assertThat(names(created.path("selected_mount_points"))).containsExactly("/two");
        assertThat(created.path("source_of_type").path("ip").asText()).isEqualTo(ip);
        assertThat(names(created.path("source_of_type").path("storage"))).containsExactly("/one", "/two");
        assertThat(created.path("migration_target").path("id").asLong()).isEqualTo(target);
        assertThat(created.path("migration_target").path("cloud_type").asText()).isEqualTo("aws");
        assertThat(Arrays.asList(JSON.convertValue(created, Map.class).keySet().toArray())).containsExactly(
                "id", "selected_mount_points", "source_of_type", "migration_target", "migration_state");
        assertThat(expect(send("GET", "/api/v1/migrations/" + id + "/", me), 200)).isEqualTo(created);
        assertThat(expect(send("GET", "/api/v1/migrations/", me), 200).get(0)).isEqualTo(created);

        // the original's tests: single form values, multipart and urlencoded
        JsonNode multipart = expect(send("POST", "/api/v1/migrations/", me, Body.MULTIPART,
                body("selected_mount_points", one, "source_of_type", source, "migration_target", target)), 201);
        assertThat(names(multipart.path("selected_mount_points"))).containsExactly("/one");
        JsonNode form = expect(send("POST", "/api/v1/migrations/", me, Body.FORM,
                body("selected_mount_points", List.of(one, two), "source_of_type", source, "migration_target", target)), 201);
        assertThat(names(form.path("selected_mount_points"))).containsExactly("/one", "/two");

        JsonNode patched = expect(send("PATCH", "/api/v1/migrations/" + id + "/", me, Body.FORM,
                body("selected_mount_points", one)), 200);
        assertThat(names(patched.path("selected_mount_points"))).containsExactly("/one");
        assertThat(patched.path("migration_state").asText()).isEqualTo("not_started");

        assertThat(expect(send("POST", "/api/v1/migrations/", me, Body.JSON, body()), 400)).isEqualTo(tree(Map.of(
                "selected_mount_points", List.of("This field is required."),
                "source_of_type", List.of("This field is required."),
                "migration_target", List.of("This field is required."))));
        JsonNode wrong = expect(send("POST", "/api/v1/migrations/", me, Body.JSON,
                body("selected_mount_points", List.of(987654321), "source_of_type", source, "migration_target", target)), 400);
        assertThat(wrong.path("selected_mount_points").isArray()).as(wrong.toString()).isTrue();

        send("DELETE", "/api/v1/migrations/" + multipart.path("id").asLong() + "/", me).expectStatus().isNoContent();
        send("GET", "/api/v1/migrations/" + multipart.path("id").asLong() + "/", me).expectStatus().isNotFound();
        assertThat(expect(send("GET", "/api/v1/migrations/", me), 200).findValuesAsText("migration_state")).hasSize(2);
    }
}

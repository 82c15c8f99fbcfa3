package io.opsledger.web.bitblast;

import io.opsledger.identity.api.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class BitBlastProjectsTest extends BitBlastTest {

    private static String unique() { return "Project " + UUID.randomUUID().toString().substring(0, 8); }

    @SuppressWarnings("unchecked")
    private Map<String, Object> create(TestUser user, String name) {
        return send("POST", "/api/v1/project/", user, Map.of("project_name", name)).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void aUserCreatesListsAndRenamesTheirProjects() {
        TestUser owner = user(Role.STANDARD);
        String name = unique();
        Map<String, Object> created = create(owner, name);
        assertThat(created).containsEntry("project_name", name).containsEntry("user", (int) owner.user().userNumber());
        assertThat(created.get("id")).isInstanceOf(Integer.class);
        int id = (Integer) created.get("id");

        send("GET", "/api/v1/project/user/", owner, null).expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].id").isEqualTo(id)
                .jsonPath("$[0].user").isEqualTo((int) owner.user().userNumber())
                .jsonPath("$[0].project_name").isEqualTo(name)
                .jsonPath("$[0].created_at").isNotEmpty()
                .jsonPath("$[0].updated_at").isNotEmpty();

        String renamed = unique();
        send("PUT", "/api/v1/project/" + id + "/rename/", owner, Map.of("new_project_name", renamed)).expectStatus().isOk()
                .expectBody().json("{\"id\":" + id + ",\"project_name\":\"" + renamed + "\",\"user\":" + owner.user().userNumber() + "}", true);
        send("GET", "/api/v1/project", owner, null).expectStatus().isOk().expectBody()
                .jsonPath("$[0].project_name").isEqualTo(renamed);
        // the old name is free again
        create(owner, name);
    }

    @Test
    void namesAreUniquePerUserWithTheContractsMessages() {
        TestUser owner = user(Role.STANDARD);
        TestUser other = user(Role.STANDARD);
        String name = unique();
        create(owner, name);
        send("POST", "/api/v1/project/", owner, Map.of("project_name", name)).expectStatus().isBadRequest()
                .expectBody().json("{\"error\":\"Project already exists\"}", true);
        create(other, name); // another user's project may have the same name

        Map<String, Object> second = create(owner, unique());
        send("PUT", "/api/v1/project/" + second.get("id") + "/rename/", owner, Map.of("new_project_name", name))
                .expectStatus().isBadRequest().expectBody().json("{\"error\":\"Project with the new name already exists\"}", true);
        send("PUT", "/api/v1/project/" + second.get("id") + "/rename/", owner, Map.of())
                .expectStatus().isBadRequest().expectBody().json("{\"error\":\"new_project_name is required\"}", true);
        send("POST", "/api/v1/project/", owner, Map.of()).expectStatus().isBadRequest()
                .expectBody().json("{\"error\":\"Project name is required\"}", true);
        send("POST", "/api/v1/project/", owner, Map.of("project_name", "  ")).expectStatus().isBadRequest()
                .expectBody().json("{\"error\":\"Project name is required\"}", true);
        send("POST", "/api/v1/project/", owner, Map.of("project_name", "x".repeat(256))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isNotEmpty();
        send("POST", "/api/v1/project/", owner, Map.of("project_name", List.of("a"))).expectStatus().isBadRequest();
    }

    @Test
    void projectsAreTheirOwnersAlone() {
        TestUser owner = user(Role.STANDARD);
        TestUser other = user(Role.STANDARD);
        TestUser admin = user(Role.ADMIN);
        String name = unique();
        int id = (Integer) create(owner, name).get("id");

        send("GET", "/api/v1/project/user/", other, null).expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.id == " + id + ")]").isEmpty();
        send("GET", "/api/v1/project/", other, null).expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.id == " + id + ")]").isEmpty();
        send("GET", "/api/v1/project/", admin, null).expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.id == " + id + ")].project_name").isEqualTo(List.of(name));
        send("PUT", "/api/v1/project/" + id + "/rename/", other, Map.of("new_project_name", unique()))
                .expectStatus().isNotFound();
        send("PUT", "/api/v1/project/999999999/rename/", owner, Map.of("new_project_name", unique())).expectStatus().isNotFound();
        send("PUT", "/api/v1/project/abc/rename/", owner, Map.of("new_project_name", unique())).expectStatus().isNotFound();

        send("GET", "/api/v1/project/", null, null).expectStatus().isUnauthorized();
        send("POST", "/api/v1/project/", null, Map.of("project_name", unique())).expectStatus().isUnauthorized();
        send("GET", "/api/v1/project/user/", null, null).expectStatus().isUnauthorized();
        send("POST", "/api/v1/project/", user(Role.READONLY), Map.of("project_name", unique())).expectStatus().isForbidden()
                .expectBody().json("{\"detail\":\"You do not have permission to perform this action.\"}", true);
    }
}

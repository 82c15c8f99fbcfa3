package io.opsledger.web.bitblast;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.dbaas.api.DbaasQueries.FindProject;
import io.opsledger.dbaas.api.DbaasQueries.ListProjects;
import io.opsledger.dbaas.api.DbaasQueries.ProjectView;
import io.opsledger.dbaas.api.ProjectMessages;
import io.opsledger.dbaas.api.ProjectMessages.CreateProject;
import io.opsledger.dbaas.api.ProjectMessages.RenameProject;
import io.opsledger.identity.Principal;
import io.opsledger.identity.Users;
import io.opsledger.identity.api.IdentityQueries.UserView;
import io.opsledger.identity.api.Role;
import io.opsledger.platform.IdSequences;
import io.opsledger.web.ApiException;
import io.opsledger.web.Web;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BitBlast's Projects endpoints (bitblast-api.md, Project_api) on the dbaas context. Names are
 * unique among a user's projects (400, as the contract shows). Everyone signed in lists their own
 * projects (admins: everyone's, on GET /project/); Standard users and admins create them, and only
 * the owner renames one (another user's project is not found).
 */
@RestController
public class BitBlastProjectsController {

    private final Web web;
    private final Commands commands;
    private final Queries queries;
    private final IdSequences ids;
    private final Users accounts;

    public BitBlastProjectsController(Web web, Commands commands, Queries queries, IdSequences ids, Users accounts) {
        this.web = web;
        this.commands = commands;
        this.queries = queries;
        this.ids = ids;
        this.accounts = accounts;
    }

    @PostMapping("/api/v1/project")
    public Mono<ResponseEntity<?>> create(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.require(Role.STANDARD);
            String name = f.text("project_name");
            f.validate();
            long number = ids.next("dbaas_project");
            commands.send(new CreateProject(ProjectMessages.id(number), number, caller.userId(), name), ctx);
            return ResponseEntity.status(HttpStatus.CREATED).body(Created.of(find(number), caller.user().userNumber()));
        });
    }

    @GetMapping("/api/v1/project")
    public Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.requireUser();
            String owner = caller.has(Role.ADMIN) ? null : caller.userId();
            return ResponseEntity.ok(listed(queries.list(new ListProjects(owner), ProjectView.class)));
        });
    }

    @GetMapping("/api/v1/project/user")
    public Mono<ResponseEntity<?>> own(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.requireUser();
            return ResponseEntity.ok(listed(queries.list(new ListProjects(caller.userId()), ProjectView.class)));
        });
    }

    @PutMapping("/api/v1/project/{id}/rename")
    public Mono<ResponseEntity<?>> rename(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            Principal caller = ctx.require(Role.STANDARD);
            ProjectView project = find(BitBlastIds.parse(id));
            if (project == null || !project.ownerId().equals(caller.userId())) {
                throw ApiException.notFound("Not found.");
            }
            String name = f.text("new_project_name");
            f.validate();
            commands.send(new RenameProject(project.id(), caller.userId(), name), ctx);
            return ResponseEntity.ok(Created.of(find(project.number()), caller.user().userNumber()));
        });
    }

    private ProjectView find(long number) {
        return number < 0 ? null : queries.one(new FindProject(number), ProjectView.class);
    }

    /** The projects with their owners' BitBlast ids, each owner looked up once. */
    private List<Listed> listed(List<ProjectView> projects) {
        Map<String, Long> owners = new HashMap<>();
        return projects.stream().map(p -> Listed.of(p, owners.computeIfAbsent(p.ownerId(), this::userNumber))).toList();
    }

    private long userNumber(String userId) {
        UserView user = accounts.byId(userId);
        return user == null ? 0 : user.userNumber();
    }

    record Created(long id, @JsonProperty("project_name") String projectName, long user) {
        static Created of(ProjectView p, long user) { return new Created(p.number(), p.name(), user); }
    }

    record Listed(long id, long user, @JsonProperty("project_name") String projectName,
                  @JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt) {
        static Listed of(ProjectView p, long user) { return new Listed(p.number(), user, p.name(), p.createdAt(), p.updatedAt()); }
    }
}

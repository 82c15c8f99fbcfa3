package io.opsledger.web.migration;

import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.SecretCipher;
import io.opsledger.migration.api.MigrationIds;
import io.opsledger.migration.api.MigrationMessages.*;
import io.opsledger.migration.api.MigrationQueries.*;
import io.opsledger.web.Fields;
import io.opsledger.web.Web;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** api_migration's credentials: {id, username, password (write-only), domain}, each the caller's own. */
@RestController
@RequestMapping("/api/v1/credentials")
@Tag(name = "api_migration: credentials")
public class MigrationCredentialsController {

    private final Web web;
    private final Commands commands;
    private final Queries queries;
    private final MigrationWire wire;
    private final SecretCipher cipher;

    public MigrationCredentialsController(Web web, Commands commands, Queries queries, MigrationWire wire, SecretCipher cipher) {
        this.web = web;
        this.commands = commands;
        this.queries = queries;
        this.wire = wire;
        this.cipher = cipher;
    }

    @GetMapping
    @Operation(summary = "List your credentials")
    public Mono<ResponseEntity<?>> list(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            MigrationWire.Nesting nest = wire.nesting(owner);
            return ResponseEntity.ok(MigrationWire.inOrder(queries.list(new ListCredentials(owner), CredentialView.class),
                    CredentialView::number, nest::credential));
        });
    }

    @PostMapping
    @Operation(summary = "Create credentials")
    public Mono<ResponseEntity<?>> create(ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            Input input = read(f, true);
            long number = wire.next(MigrationIds.CREDENTIAL);
            commands.send(new CreateCredential(MigrationIds.CREDENTIAL.aggregateId(number), number, owner, input.username,
                    cipher.encrypt(input.password), input.domain), ctx);
            return ResponseEntity.status(HttpStatus.CREATED).body(wire.nesting(owner).credential(find(owner, number)));
        });
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read your credentials")
    public Mono<ResponseEntity<?>> get(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            return ResponseEntity.ok(wire.nesting(owner).credential(find(owner, MigrationWire.number(id))));
        });
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change your credentials (only the fields given)")
    public Mono<ResponseEntity<?>> patch(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            CredentialView current = find(owner, MigrationWire.number(id));
            Input input = read(f, false);
            commands.send(new UpdateCredential(MigrationIds.CREDENTIAL.aggregateId(current.number()), input.username,
                    cipher.encrypt(input.password), input.domain), ctx);
            return ResponseEntity.ok(wire.nesting(owner).credential(find(owner, current.number())));
        });
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete your credentials")
    public Mono<ResponseEntity<?>> delete(@PathVariable String id, ServerWebExchange exchange) {
        return web.run(exchange, (ctx, f) -> {
            String owner = MigrationWire.owner(ctx);
            CredentialView current = find(owner, MigrationWire.number(id));
            commands.send(new DeleteCredential(MigrationIds.CREDENTIAL.aggregateId(current.number())), ctx);
            return ResponseEntity.noContent().build();
        });
    }

    private record Input(String username, String password, String domain) {}

    /** The original's model: TextField(max_length=50) username and password, max_length=100 domain; all required. */
    private static Input read(Fields f, boolean create) {
        Input input = new Input(MigrationWire.text(f, "username", 50, create), MigrationWire.text(f, "password", 50, create),
                MigrationWire.text(f, "domain", 100, create));
        f.validate();
        return input;
    }

    private CredentialView find(String owner, long number) {
        CredentialView view = queries.one(new FindCredential(owner, number), CredentialView.class);
        if (view == null) {
            throw MigrationWire.notFound();
        }
        return view;
    }
}

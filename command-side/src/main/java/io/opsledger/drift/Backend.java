package io.opsledger.drift;

import io.opsledger.common.AggregateCache;
import io.opsledger.common.RuleViolation;
import io.opsledger.drift.api.BackendMessages;
import io.opsledger.drift.api.BackendMessages.*;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A Terraform state backend: an S3 bucket (and key prefix) or a local directory. That one place is
 * registered once is decided at the edge (a unique claim on its location).
 */
@Aggregate(cache = AggregateCache.NAME)
public class Backend {

    static final int MAX_NAME = 255;
    private static final Pattern BUCKET = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
    private static final Pattern REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-\\d$");

    @AggregateIdentifier
    private String backendId;

    protected Backend() {}

    @CommandHandler
    public Backend(RegisterBackend command) {
        if (command.name() == null || command.name().isBlank()) {
            throw RuleViolation.invalid("name", "This field is required.");
        }
        if (command.name().length() > MAX_NAME) {
            throw RuleViolation.invalid("name", "Ensure this field has no more than " + MAX_NAME + " characters.");
        }
        String status = command.status() == null ? BackendMessages.ACTIVE : command.status();
        if (!BackendMessages.ACTIVE.equals(status) && !BackendMessages.DISCOVERED.equals(status)) {
            throw RuleViolation.invalid("status", "\"" + status + "\" is not a valid choice.");
        }
        apply(new BackendRegistered(command.backendId(), command.name().trim(), command.type(),
                checked(command.type(), command.config()), status, GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    public void handle(RecordBackendCheck command) {
        apply(new BackendChecked(backendId, command.reachable(), Math.max(0, command.responseTimeMillis()),
                command.message() == null ? "" : command.message(),
                command.reachable() ? BackendMessages.ACTIVE : BackendMessages.UNREACHABLE, GenericEventMessage.clock.instant()));
    }

    /** The config with its defaults, or the first rule it breaks. */
    static BackendConfig checked(String type, BackendConfig c) {
        if (type == null || type.isBlank()) {
            throw RuleViolation.invalid("type", "This field is required.");
        }
        if (!BackendMessages.TYPES.contains(type)) {
            throw RuleViolation.invalid("type", "\"" + type + "\" is not a valid choice (s3, local).");
        }
        if (c == null) {
            throw RuleViolation.invalid("config", "This field is required.");
        }
        if (BackendMessages.S3.equals(type)) {
            if (c.bucket() == null || c.bucket().isBlank()) {
                throw RuleViolation.invalid("config.bucket", "This field is required.");
            }
            if (!BUCKET.matcher(c.bucket()).matches()) {
                throw RuleViolation.invalid("config.bucket", "\"" + c.bucket() + "\" is not a valid S3 bucket name.");
            }
            if (c.region() == null || c.region().isBlank()) {
                throw RuleViolation.invalid("config.region", "This field is required.");
            }
            if (!REGION.matcher(c.region()).matches()) {
                throw RuleViolation.invalid("config.region", "\"" + c.region() + "\" is not a valid AWS region name.");
            }
            String prefix = c.keyPrefix() == null ? "" : c.keyPrefix().trim();
            while (prefix.startsWith("/")) {
                prefix = prefix.substring(1);
            }
            if (prefix.contains("..")) {
                throw RuleViolation.invalid("config.key_prefix", "The key prefix must not contain \"..\".");
            }
            return BackendConfig.s3(c.bucket(), c.region(), prefix);
        }
        String path = c.path();
        if (path == null || path.isBlank()) {
            throw RuleViolation.invalid("config.path", "This field is required.");
        }
        if (!path.startsWith("/")) {
            throw RuleViolation.invalid("config.path", "The path must be an absolute directory path.");
        }
        String normal = java.nio.file.Path.of(path).normalize().toString();
        return BackendConfig.local(normal);
    }

    @EventSourcingHandler
    void on(BackendRegistered event) { backendId = event.backendId(); }
}

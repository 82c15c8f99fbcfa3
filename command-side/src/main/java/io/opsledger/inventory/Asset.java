package io.opsledger.inventory;

import io.opsledger.common.AggregateCache;
import io.opsledger.common.RuleViolation;
import io.opsledger.inventory.api.AssetDetails;
import io.opsledger.inventory.api.AssetMessages.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/** Something the organisation runs or uses (an AWS resource, a SaaS, a server) and what is known about it. */
@Aggregate(cache = AggregateCache.NAME)
public class Asset {

    /** Any scheme, e.g. https:// or s3://. */
    static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://\\S+$");

    @AggregateIdentifier
    private String assetId;
    private String assetNumber;
    private AssetDetails details;

    protected Asset() {}

    @CommandHandler
    public Asset(CreateAsset command) {
        if (command.assetNumber() == null || command.assetNumber().isBlank()) {
            throw RuleViolation.invalid("asset_id", "This field is required.");
        }
        validate(command.details());
        apply(new AssetCreated(command.id(), command.assetNumber(), command.details()));
    }

    @CommandHandler
    public void handle(UpdateAsset command) {
        validate(command.details());
        if (command.details().equals(details)) {
            return; // nothing changed: nothing to record
        }
        apply(new AssetUpdated(assetId, command.details()));
    }

    @CommandHandler
    public void handle(DecommissionAsset command) {
        if (AssetDetails.DECOMMISSIONED.equals(details.status())) {
            return;
        }
        apply(new AssetDecommissioned(assetId, details.status()));
    }

    @CommandHandler
    public void handle(RecordDiscoveredAsset command) {
        if (command.found() == null) {
            throw RuleViolation.invalid(null, "Asset details are required.");
        }
        AssetDetails merged = details.rediscovered(command.found());
        validate(merged);
        apply(new AssetDiscovered(assetId, command.jobId(), merged));
    }

    @CommandHandler
    public void handle(DeleteAsset command) {
        apply(new AssetDeleted(assetId, assetNumber));
    }

    @EventSourcingHandler
    void on(AssetCreated event) {
        assetId = event.id();
        assetNumber = event.assetNumber();
        details = event.details();
    }

    @EventSourcingHandler
    void on(AssetUpdated event) { details = event.details(); }

    @EventSourcingHandler
    void on(AssetDiscovered event) { details = event.details(); }

    @EventSourcingHandler
    void on(AssetDecommissioned event) { details = details.withStatus(AssetDetails.DECOMMISSIONED); }

    @EventSourcingHandler
    void on(AssetDeleted event) { markDeleted(); }

    static void validate(AssetDetails d) {
        if (d == null) {
            throw RuleViolation.invalid(null, "Asset details are required.");
        }
        if (d.name() == null || d.name().isBlank()) {
            throw RuleViolation.invalid("name", "This field is required.");
        }
        choice("asset_type", d.assetType(), AssetDetails.ASSET_TYPES, false);
        choice("aws_service_type", d.awsServiceType(), AssetDetails.AWS_SERVICE_TYPES, true);
        choice("status", d.status(), AssetDetails.STATUSES, false);
        choice("criticality", d.criticality(), AssetDetails.CRITICALITIES, false);
        choice("data_classification", d.dataClassification(), AssetDetails.DATA_CLASSIFICATIONS, false);
        if (d.url() != null && !d.url().isEmpty() && !URL.matcher(d.url()).matches()) {
            throw RuleViolation.invalid("url", "Enter a valid URL.");
        }
    }

    private static void choice(String field, String value, List<String> choices, boolean blankAllowed) {
        if (value == null || value.isEmpty()) {
            if (!blankAllowed) {
                throw RuleViolation.invalid(field, "This field is required.");
            }
            return;
        }
        if (!choices.contains(value)) {
            throw RuleViolation.invalid(field, "\"" + value + "\" is not a valid choice.");
        }
    }
}

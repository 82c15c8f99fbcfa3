package io.opsledger.devices;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import io.opsledger.common.Sequenced;
import io.opsledger.devices.api.DevicesMessages.*;
import io.opsledger.devices.api.DevicesQueries.ComputerView;
import io.opsledger.devices.api.DevicesQueries.FindComputer;
import io.opsledger.devices.api.DevicesQueries.FindComputerByNumber;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The computers read model: one document per computer with what its syncs last said (attributes
 * as a list of {prefix, value}, so any prefix is a safe key), its software count, when its hardware
 * was last captured and when it last synced.
 */
@ProcessingGroup(ComputerProjection.GROUP)
public class ComputerProjection {

    public static final String GROUP = "projection.devices.computers";
    public static final String COLLECTION = "devices_computers";
    private static final Pattern MAC_UUID = Pattern.compile("(?i)^0{8}-0{4}-0{4}-0{4}-([0-9a-f]{12})$");
    private final MongoCollection<Document> computers;

    public ComputerProjection(MongoDatabase db) {
        this.computers = db.getCollection(COLLECTION);
        computers.createIndex(Indexes.ascending("uuid"));
        computers.createIndex(Indexes.ascending("name"));
        computers.createIndex(Indexes.ascending("number"));
    }

    @EventHandler
    void on(ComputerRegistered e, @SequenceNumber Long seq, @Timestamp Instant at) {
        computers.replaceOne(Filters.eq("_id", e.id()), new Document("_id", e.id()).append("number", e.number())
                .append("projectId", e.projectId()).append("projectNumber", e.projectNumber())
                .append("uuid", e.uuid().toUpperCase(Locale.ROOT)).append("name", e.name()).append("ipAddress", e.ipAddress())
                .append("status", "assigned").append("attributes", List.of()).append("softwareCount", 0)
                .append("registeredAt", Date.from(at)).append("seq", seq), new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(AttributesReported e, @SequenceNumber Long seq) {
        List<Document> attributes = new ArrayList<>();
        e.attributes().forEach((prefix, value) -> attributes.add(new Document("prefix", prefix).append("value", value)));
        apply(e.id(), seq, Updates.set("attributes", attributes), Updates.set("fqdn", e.fqdn()),
                Updates.set("ipAddress", e.ipAddress()), Updates.set("syncUser", e.syncUser()),
                Updates.set("syncFullname", e.syncFullname()));
    }

    @EventHandler
    void on(SoftwareInventoryReported e, @SequenceNumber Long seq) {
        apply(e.id(), seq, Updates.set("softwareCount", e.inventory().size()));
    }

    @EventHandler
    void on(HardwareCaptured e, @SequenceNumber Long seq, @Timestamp Instant at) {
        apply(e.id(), seq, Updates.set("hardwareCapturedAt", Date.from(at)));
    }

    @EventHandler
    void on(FaultReported e, @SequenceNumber Long seq) {
        apply(e.id(), seq, Updates.inc("faults", 1));
    }

    @EventHandler
    void on(ErrorReported e, @SequenceNumber Long seq) {
        apply(e.id(), seq, Updates.inc("errors", 1));
    }

    @EventHandler
    void on(SynchronizationCompleted e, @SequenceNumber Long seq, @Timestamp Instant at) {
        apply(e.id(), seq, Updates.set("lastSyncAt", Date.from(at)));
    }

    private void apply(String id, long seq, Bson... updates) {
        List<Bson> all = new ArrayList<>(List.of(updates));
        all.add(Updates.set("seq", seq));
        computers.updateOne(Sequenced.laterThanApplied(id, seq), Updates.combine(all));
    }

    @ResetHandler
    void reset() { computers.deleteMany(new Document()); }

    @QueryHandler
    public ComputerView handle(FindComputerByNumber q) {
        return view(computers.find(Filters.eq("number", q.number())).first());
    }

    @QueryHandler
    public ComputerView handle(FindComputer q) {
        if (q.uuid() != null && !q.uuid().isBlank()) {
            String uuid = q.uuid().toUpperCase(Locale.ROOT);
            Document d = computers.find(Filters.eq("uuid", uuid)).first();
            if (d == null) {
                String swapped = swapByteOrder(uuid);
                d = swapped == null ? null : computers.find(Filters.eq("uuid", swapped)).first();
            }
            if (d == null) {
                var mac = MAC_UUID.matcher(uuid);
                if (mac.matches()) {
                    d = computers.find(Filters.regex("uuid", Pattern.quote(mac.group(1).toUpperCase(Locale.ROOT)) + "$")).first();
                }
            }
            if (d != null) {
                return view(d);
            }
        }
        return q.name() == null ? null : view(computers.find(Filters.eq("name", q.name())).first());
    }

    /** The uuid with its first three groups' bytes reversed (SMBIOS before 2.6 vs after), or null if not a uuid. */
    static String swapByteOrder(String uuid) {
        String[] g = uuid.split("-");
        if (g.length != 5 || g[0].length() != 8 || g[1].length() != 4 || g[2].length() != 4) {
            return null;
        }
        return reverseBytes(g[0]) + "-" + reverseBytes(g[1]) + "-" + reverseBytes(g[2]) + "-" + g[3] + "-" + g[4];
    }

    private static String reverseBytes(String hex) {
        StringBuilder out = new StringBuilder();
        for (int i = hex.length() - 2; i >= 0; i -= 2) {
            out.append(hex, i, i + 2);
        }
        return out.toString();
    }

    private static ComputerView view(Document d) {
        if (d == null) {
            return null;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Object o : d.getList("attributes", Object.class, List.of())) {
            Document a = (Document) o;
            attributes.put(a.getString("prefix"), a.getString("value"));
        }
        return new ComputerView(d.getString("_id"), ((Number) d.get("number")).longValue(), d.getString("projectId"),
                ((Number) d.get("projectNumber")).longValue(), d.getString("uuid"), d.getString("name"), d.getString("ipAddress"),
                d.getString("fqdn"), d.getString("syncUser"), d.getString("status"), attributes,
                ((Number) d.get("softwareCount")).intValue(), instant(d.getDate("hardwareCapturedAt")),
                instant(d.getDate("lastSyncAt")), instant(d.getDate("registeredAt")));
    }

    private static Instant instant(Date date) { return date == null ? null : date.toInstant(); }
}

package io.opsledger.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.opsledger.identity.api.IdentityQueries.GetSiteSettings;
import io.opsledger.identity.api.IdentityQueries.SiteSettingsView;
import io.opsledger.identity.api.SiteSettingsMessages.SiteSettingsUpdated;
import io.opsledger.identity.api.SiteSettingsValues;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;

import java.time.Instant;
import java.util.Map;

/** The site settings as last saved (secrets stay encrypted), or the defaults before any save. */
@ProcessingGroup(SiteSettingsProjection.GROUP)
public class SiteSettingsProjection {

    public static final String GROUP = "projection.identity.settings";
    private final MongoCollection<Document> settings;
    private final ObjectMapper json;

    public SiteSettingsProjection(MongoDatabase db, ObjectMapper json) {
        this.settings = db.getCollection("site_settings");
        this.json = json;
    }

    @EventHandler
    void on(SiteSettingsUpdated e, @Timestamp Instant at) {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = json.convertValue(e.settings(), Map.class);
        settings.replaceOne(Filters.eq("_id", e.settingsId()),
                new Document("values", new Document(values)).append("updatedAt", Docs.date(at)),
                new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() { settings.deleteMany(new Document()); }

    @QueryHandler
    public SiteSettingsView handle(GetSiteSettings q) {
        Document d = settings.find().first();
        if (d == null) {
            return new SiteSettingsView(SiteSettingsValues.defaults(), null);
        }
        return new SiteSettingsView(json.convertValue(d.get("values", Document.class), SiteSettingsValues.class),
                Docs.instant(d, "updatedAt"));
    }
}

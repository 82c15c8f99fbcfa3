package io.opsledger.migration;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.opsledger.common.EncryptedSecret;
import io.opsledger.migration.api.MigrationMessages.*;
import io.opsledger.migration.api.MigrationQueries.*;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;

import java.util.List;

/** The migration context's credentials (the password stays encrypted). */
@ProcessingGroup(MigrationCredentialProjection.GROUP)
public class MigrationCredentialProjection {

    public static final String GROUP = "projection.migration.credentials";
    public static final String COLLECTION = "migration_credentials";
    private final MigrationDocs docs;

    public MigrationCredentialProjection(MongoDatabase db) {
        this.docs = new MigrationDocs(db.getCollection(COLLECTION));
    }

    @EventHandler
    void on(CredentialCreated e, @SequenceNumber long seq) {
        docs.create(e.id(), e.number(), e.ownerId(), seq, new Document("username", e.username())
                .append("password", cipher(e.password())).append("domain", e.domain()));
    }

    @EventHandler
    void on(CredentialUpdated e, @SequenceNumber long seq) {
        docs.change(e.id(), seq, Updates.set("username", e.username()), Updates.set("password", cipher(e.password())),
                Updates.set("domain", e.domain()));
    }

    @EventHandler
    void on(CredentialDeleted e, @SequenceNumber long seq) { docs.delete(e.id(), seq); }

    @ResetHandler
    void reset() { docs.reset(); }

    @QueryHandler
    public List<CredentialView> handle(ListCredentials q) { return docs.list(q.ownerId(), MigrationCredentialProjection::view); }

    @QueryHandler
    public CredentialView handle(FindCredential q) { return docs.find(q.ownerId(), q.number(), MigrationCredentialProjection::view); }

    private static String cipher(EncryptedSecret secret) { return secret == null ? null : secret.ciphertext(); }

    private static CredentialView view(Document d) {
        String password = d.getString("password");
        return new CredentialView(MigrationDocs.number(d, "number"), d.getString("ownerId"), d.getString("username"),
                password == null ? null : new EncryptedSecret(password), d.getString("domain"));
    }
}

package io.opsledger.drift;

import com.mongodb.client.MongoDatabase;
import io.opsledger.common.Commands;
import io.opsledger.common.Queries;
import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.tfstate.LocalStateStorage;
import io.opsledger.gateway.tfstate.S3StateStorage;
import io.opsledger.gateway.tfstate.StateStorages;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * DriftMgr's backends and state files: their read models (processing groups "projection.drift.*",
 * so writes wait for them), the state storage adapters (S3 through OPSLEDGER_AWS_ENDPOINT like
 * every AWS call; local directories) and the state files' content on them, sensitive values sealed
 * under the master key; the processes that read them into the event log and lock them
 * (StateSync, StateLocks, StateBackends).
 */
@Configuration
public class DriftWiring {

    @Bean
    public BackendProjection driftBackendProjection(MongoDatabase db) { return new BackendProjection(db); }

    @Bean
    public StateFileProjection driftStateFileProjection(MongoDatabase db, QueryUpdateEmitter emitter) {
        return new StateFileProjection(db, emitter);
    }

    @Bean(destroyMethod = "close")
    public S3StateStorage s3StateStorage(@Value("${opsledger.aws-endpoint}") String endpoint) {
        return S3StateStorage.forEndpoint(endpoint);
    }

    @Bean
    public StateStorages stateStorages(S3StateStorage s3) { return new StateStorages(s3, new LocalStateStorage()); }

    @Bean
    public StateFileStore stateFileStore(StateStorages storages, SecretCipher cipher) { return new StateFileStore(storages, cipher); }

    @Bean
    public StateSync stateSync(Commands commands, Queries queries, StateStorages storages, StateFileStore files) {
        return new StateSync(commands, queries, storages, files);
    }

    @Bean
    public StateLocks stateLocks(Commands commands, Queries queries, StateSync sync, StateFileStore files) {
        return new StateLocks(commands, queries, sync, files);
    }

    @Bean
    public StateBackends stateBackends(Commands commands, Queries queries, StateSync sync, S3StateStorage s3) {
        return new StateBackends(commands, queries, sync, s3);
    }
}

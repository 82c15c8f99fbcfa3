/**
 * The embedded MongoDB: mongo-java-server's MVStore file backend, extended so the secondary indexes
 * the projections declare are kept in the same file and serve finds, counts, distinct values and
 * {@code $match} aggregations. {@link io.opsledger.platform.mongo.EmbeddedMongoBackend} is the entry
 * point; {@link io.opsledger.platform.MongoConfiguration} serves it on the wire when no external MongoDB is set.
 */
package io.opsledger.platform.mongo;

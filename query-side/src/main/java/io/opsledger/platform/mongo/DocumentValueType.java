package io.opsledger.platform.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

/**
 * A collection's documents as the file stores them: BSON, the bytes the wire carries, written and
 * read with mongo-java-server's own codec. H2Backend stores them with MVStore's ObjectDataType,
 * which is Java serialization for a document: JFR showed it as a tenth of the server's CPU under
 * the DriftMgr lock bench, and it takes several times BSON's room on disk. A value the BSON codec
 * cannot write (none arrives over the wire) is stored Java-serialized behind its own tag.
 */
final class DocumentValueType extends BasicDataType<Document> {

    private static final byte BSON = 1;
    private static final byte SERIALIZED = 2;

    private final ObjectDataType serialized = new ObjectDataType();
    /** What a document takes in the page cache, as MVStore estimates it: about its encoded size, averaged. */
    private volatile int averageMemory = 1024;

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf bson = Unpooled.buffer(256);
        int size;
        try {
            try {
                BsonEncoder.encodeDocument(document, bson);
            } catch (IllegalArgumentException notBson) {
                buffer.put(SERIALIZED);
                serialized.write(buffer, document);
                return;
            }
            size = bson.readableBytes();
            buffer.put(BSON).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), size);
        } finally {
            bson.release();
        }
        averageMemory = (averageMemory * 15 + 2 * size + 64) / 16;
    }

    @Override
    public Document read(ByteBuffer buffer) {
        byte tag = buffer.get();
        if (tag == SERIALIZED) {
            return (Document) serialized.read(buffer);
        }
        if (tag != BSON) {
            throw new IllegalStateException("unknown document tag " + tag + ": the projections file is not in this version's format");
        }
        ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice());
        Document document = BsonDecoder.decodeBson(bson);
        buffer.position(buffer.position() + bson.readerIndex());
        return document;
    }

    @Override
    public int getMemory(Document document) {
        return averageMemory;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}

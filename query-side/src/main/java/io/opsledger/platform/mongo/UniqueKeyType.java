package io.opsledger.platform.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of a unique index (every collection's {@code _id}, and the projections' unique keys):
 * mongo-java-server's {@link KeyValue}, its values written one by one. H2Backend stores a KeyValue
 * with MVStore's ObjectDataType, which Java-serializes both sides of every comparison, since
 * KeyValue is not Comparable: JFR showed it as a twentieth of the server's CPU under the DriftMgr
 * lock bench. Here the values are compared as values, in one total order that says "equal"
 * exactly when the normalised values are equal, which is all a unique index asks of its order.
 */
final class UniqueKeyType extends BasicDataType<KeyValue> {

    private final ObjectDataType values = new ObjectDataType();

    @Override
    public int compare(KeyValue a, KeyValue b) {
        int c = Integer.compare(a.size(), b.size());
        for (int i = 0; c == 0 && i < a.size(); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            c = x instanceof String s && y instanceof String t ? s.compareTo(t) : values.compare(x, y);
        }
        return c;
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        buffer.putVarInt(key.size());
        for (Object value : key) {
            values.write(buffer, value);
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        List<Object> read = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            read.add(values.read(buffer));
        }
        return new KeyValue(read);
    }

    @Override
    public int getMemory(KeyValue key) {
        int memory = 32;
        for (Object value : key) {
            memory += values.getMemory(value);
        }
        return memory;
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}

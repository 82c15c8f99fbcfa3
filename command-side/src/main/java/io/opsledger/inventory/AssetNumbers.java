package io.opsledger.inventory;

import io.opsledger.platform.IdSequences;
import org.springframework.stereotype.Component;

/** ASSET-0001, ASSET-0002, ...: one sequence across nodes, for assets added by hand and by discovery. */
@Component
public class AssetNumbers {

    private final IdSequences ids;

    public AssetNumbers(IdSequences ids) {
        this.ids = ids;
    }

    /** A new, never used asset number. */
    public String next() {
        return String.format("ASSET-%04d", ids.next("asset"));
    }
}

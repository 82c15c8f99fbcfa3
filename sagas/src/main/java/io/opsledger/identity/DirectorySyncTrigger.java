package io.opsledger.identity;

import java.time.Duration;

/** The scheduled sync's resource: how often, and the sync itself (on a thread of its own). */
public interface DirectorySyncTrigger {

    Duration interval();

    void sync();
}

package io.opsledger.backup;

import io.opsledger.backup.api.MountMessages.*;
import io.opsledger.common.EncryptedSecret;
import io.opsledger.common.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StorageMountTest {

    private static final String ID = "storage-mount:u1:s3";
    private static final MountSource BUCKET = MountSource.s3("b", "http://s3", new EncryptedSecret("a"), new EncryptedSecret("s"));
    private AggregateTestFixture<StorageMount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StorageMount.class);
    }

    @Test
    void aStorageIsMountedOnce() {
        fixture.givenNoPriorActivity()
                .when(new MountStorage(ID, "u1", "s3", "/b/u1/s3/home", BUCKET))
                .expectEvents(new StorageMounted(ID, "u1", "s3", "/b/u1/s3/home", BUCKET));
        fixture.given(new StorageMounted(ID, "u1", "s3", "/b/u1/s3/home", BUCKET))
                .when(new MountStorage(ID, "u1", "s3", "/b/u1/s3/home", BUCKET))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void onlyAMountedStorageIsUnmountedAndThenItMayBeMountedAgain() {
        fixture.given(new StorageMounted(ID, "u1", "s3", "/b/u1/s3/home", BUCKET))
                .when(new UnmountStorage(ID))
                .expectEvents(new StorageUnmounted(ID, "u1", "s3", "/b/u1/s3/home"));
        fixture.given(new StorageMounted(ID, "u1", "s3", "/b/u1/s3/home", BUCKET), new StorageUnmounted(ID, "u1", "s3", "/b/u1/s3/home"))
                .when(new UnmountStorage(ID))
                .expectException(RuleViolation.class).expectExceptionMessage("Mount point not found.");
        fixture.given(new StorageMounted(ID, "u1", "s3", "/b/u1/s3/home", BUCKET), new StorageUnmounted(ID, "u1", "s3", "/b/u1/s3/home"))
                .when(new MountStorage(ID, "u1", "s3", "/b/u1/s3/home", BUCKET))
                .expectEvents(new StorageMounted(ID, "u1", "s3", "/b/u1/s3/home", BUCKET));
    }
}

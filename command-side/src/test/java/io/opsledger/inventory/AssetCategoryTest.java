package io.opsledger.inventory;

import io.opsledger.common.RuleViolation;
import io.opsledger.inventory.api.CategoryMessages.*;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AssetCategoryTest {

    private AggregateTestFixture<AssetCategory> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AssetCategory.class);
    }

    private static final CategoryDetails COMPUTE = new CategoryDetails("Compute", "Compute resources", "bi-cpu", "#007bff");

    @Test
    void creationRecordsTheDetails() {
        fixture.givenNoPriorActivity()
                .when(new CreateCategory("c1", COMPUTE))
                .expectEvents(new CategoryCreated("c1", COMPUTE));
    }

    @Test
    void iconDefaultsToBiBoxAndDescriptionToEmpty() {
        fixture.givenNoPriorActivity()
                .when(new CreateCategory("c1", new CategoryDetails("Storage", null, null, null)))
                .expectEvents(new CategoryCreated("c1", new CategoryDetails("Storage", "", "bi-box", AssetCategory.DEFAULT_COLOR)));
    }

    @Test
    void nameIsRequiredAndBounded() {
        fixture.givenNoPriorActivity()
                .when(new CreateCategory("c1", new CategoryDetails(" ", null, null, null)))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("This field is required.");
        fixture.givenNoPriorActivity()
                .when(new CreateCategory("c1", new CategoryDetails("x".repeat(101), null, null, null)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Ensure this field has no more than 100 characters.");
    }

    @Test
    void iconAndColorAreBounded() {
        fixture.givenNoPriorActivity()
                .when(new CreateCategory("c1", new CategoryDetails("A", null, "i".repeat(51), null)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Ensure this field has no more than 50 characters.");
        fixture.givenNoPriorActivity()
                .when(new CreateCategory("c1", new CategoryDetails("A", null, null, "c".repeat(21))))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Ensure this field has no more than 20 characters.");
    }

    @Test
    void updatesAreCheckedLikeCreations() {
        CategoryDetails renamed = new CategoryDetails("Servers", "", "bi-hdd", "#000000");
        fixture.given(new CategoryCreated("c1", COMPUTE))
                .when(new UpdateCategory("c1", renamed))
                .expectEvents(new CategoryUpdated("c1", renamed));
        fixture.given(new CategoryCreated("c1", COMPUTE))
                .when(new UpdateCategory("c1", new CategoryDetails("", null, null, null)))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void deletedCategoriesAreGone() {
        fixture.given(new CategoryCreated("c1", COMPUTE))
                .when(new DeleteCategory("c1"))
                .expectEvents(new CategoryDeleted("c1"));
        fixture.given(new CategoryCreated("c1", COMPUTE), new CategoryDeleted("c1"))
                .when(new UpdateCategory("c1", COMPUTE))
                .expectException(AggregateNotFoundException.class);
    }
}

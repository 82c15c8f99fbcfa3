package io.opsledger.platform;

import com.mongodb.client.MongoDatabase;
import io.opsledger.inventory.AccountProjection;
import io.opsledger.inventory.CategoryProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The asset inventory's read models (their processing groups start with "projection.", so writes wait for them). */
@Configuration
public class InventoryConfiguration {

    @Bean
    public AccountProjection accountProjection(MongoDatabase db) { return new AccountProjection(db); }

    @Bean
    public CategoryProjection categoryProjection(MongoDatabase db) { return new CategoryProjection(db); }
}

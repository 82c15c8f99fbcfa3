package io.opsledger.web.migration;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** api_migration documented its resources at /swagger/: that leads to the Swagger UI (springdoc's, at /docs/). */
@RestController
@Hidden
public class MigrationSwaggerController {

    @GetMapping("/swagger")
    public ResponseEntity<Void> swagger() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/docs")).build();
    }
}

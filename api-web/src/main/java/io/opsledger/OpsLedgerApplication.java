package io.opsledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class OpsLedgerApplication {

    public static void main(String[] args) {
        SpringApplication.run(OpsLedgerApplication.class, args);
    }
}

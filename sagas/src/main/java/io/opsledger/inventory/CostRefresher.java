package io.opsledger.inventory;

import io.opsledger.common.SecretCipher;
import io.opsledger.gateway.aws.AwsGateway;
import io.opsledger.gateway.aws.Costs;
import io.opsledger.inventory.api.AccountMessages.CostRefreshRequested;
import io.opsledger.inventory.api.AccountMessages.RecordAccountCosts;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Fetches an account's costs from Cost Explorer when a refresh is asked for, and records them on the
 * account. Each account is its own event, so one that fails (bad credentials, Cost Explorer
 * refusing) is logged and the others still get their costs. A request older than {@link #STALE}
 * (a replay, or a long outage) is not fetched: a newer one will be.
 */
@ProcessingGroup(CostRefresher.GROUP)
public class CostRefresher {

    public static final String GROUP = "inventory-costs";
    static final Duration STALE = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(CostRefresher.class);

    private final AwsGateway aws;
    private final SecretCipher cipher;
    private final CommandGateway commands;
    private final Clock clock;

    public CostRefresher(AwsGateway aws, SecretCipher cipher, CommandGateway commands, Clock clock) {
        this.aws = aws;
        this.cipher = cipher;
        this.commands = commands;
        this.clock = clock;
    }

    @EventHandler
    void on(CostRefreshRequested event) {
        if (event.at() != null && event.at().isBefore(clock.instant().minus(STALE))) {
            log.debug("Skipping stale cost refresh of account {} requested at {}", event.id(), event.at());
            return;
        }
        try {
            Costs costs = aws.costs(AccountTargets.target(event.account(), event.management(), cipher),
                    YearMonth.now(clock.withZone(ZoneOffset.UTC)));
            commands.sendAndWait(new RecordAccountCosts(event.id(), costs.current(), costs.previous(), clock.instant()));
            log.info("Recorded costs of account {} ({}): {} this month, {} the month before", event.id(),
                    event.account().awsAccountId(), costs.current(), costs.previous());
        } catch (RuntimeException e) {
            log.warn("Cost refresh of account {} ({}) failed: {}", event.id(), event.account().awsAccountId(),
                    e.getMessage());
        }
    }
}

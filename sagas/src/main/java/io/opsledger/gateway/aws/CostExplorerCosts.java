package io.opsledger.gateway.aws;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.DateInterval;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.MetricValue;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;

/** An account's costs from Cost Explorer: the unblended cost of a month and of the month before. */
final class CostExplorerCosts {

    private static final String COST_METRIC = "UnblendedCost";

    private final AwsClients clients;

    CostExplorerCosts(AwsClients clients) {
        this.clients = clients;
    }

    /**
     * @param homeRegion the account's home region: only its partition matters
     * @throws AwsGatewayException if Cost Explorer refuses or cannot be reached
     */
    Costs monthAndPrevious(AwsCredentialsProvider credentials, String homeRegion, YearMonth current) {
        YearMonth previous = current.minusMonths(1);
        String start = previous.atDay(1).toString();
        String end = current.plusMonths(1).atDay(1).toString();
        Map<String, BigDecimal> byMonthStart = new LinkedHashMap<>();
        String currency = "USD";
        // Cost Explorer has a single endpoint, in us-east-1 (cn-northwest-1 for China).
        Region ceRegion = homeRegion.startsWith("cn-") ? Region.CN_NORTHWEST_1 : Region.US_EAST_1;
        try (CostExplorerClient ce = clients.build(CostExplorerClient.builder(), credentials, ceRegion)) {
            String token = null;
            do {
                String page = token;
                GetCostAndUsageResponse response = ce.getCostAndUsage(b -> b
                        .timePeriod(DateInterval.builder().start(start).end(end).build())
                        .granularity(Granularity.MONTHLY)
                        .metrics(COST_METRIC)
                        .nextPageToken(page));
                for (ResultByTime result : response.resultsByTime()) {
                    MetricValue value = result.total().get(COST_METRIC);
                    if (value == null || value.amount() == null || result.timePeriod() == null) {
                        continue;
                    }
                    byMonthStart.merge(result.timePeriod().start(), new BigDecimal(value.amount()), BigDecimal::add);
                    if (value.unit() != null && !value.unit().isBlank()) {
                        currency = value.unit();
                    }
                }
                token = response.nextPageToken();
            } while (token != null && !token.isEmpty());
        } catch (SdkException e) {
            throw new AwsGatewayException("Cost Explorer GetCostAndUsage failed: " + AwsClients.describe(e), e);
        }
        return new Costs(current,
                byMonthStart.getOrDefault(current.atDay(1).toString(), BigDecimal.ZERO),
                byMonthStart.getOrDefault(start, BigDecimal.ZERO),
                currency);
    }
}

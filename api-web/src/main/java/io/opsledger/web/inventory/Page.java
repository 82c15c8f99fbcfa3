package io.opsledger.web.inventory;

import io.opsledger.web.ApiException;
import io.opsledger.web.Fields;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;

/**
 * DRF's page-number pagination as the asset inventory's clients read it:
 * {"count", "next", "previous", "results"}, with {@code page} and {@code page_size} (max 1000).
 */
public record Page(int number, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 1000;

    /** The requested page; a page number that is not a positive integer is a 404, as in DRF. */
    public static Page of(Fields f) {
        Integer size = f.integer("page_size");
        Integer number = f.integer("page");
        if (!f.valid()) {
            throw ApiException.notFound("Invalid page.");
        }
        if (number != null && number < 1) {
            throw ApiException.notFound("Invalid page.");
        }
        int pageSize = size == null || size < 1 ? DEFAULT_SIZE : Math.min(size, MAX_SIZE);
        return new Page(number == null ? 1 : number, pageSize);
    }

    public int offset() { return (number - 1) * size; }

    /** The response body; a page past the end of a non-empty list is a 404 ("Invalid page."). */
    public InventoryViews.PageBody body(long count, List<?> results, ServerWebExchange exchange) {
        if (number > 1 && offset() >= count) {
            throw ApiException.notFound("Invalid page.");
        }
        return new InventoryViews.PageBody(count, offset() + size < count ? link(exchange, number + 1) : null,
                number > 1 ? link(exchange, number - 1) : null, results);
    }

    private static String link(ServerWebExchange exchange, int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(exchange.getRequest().getURI());
        return page == 1 ? uri.replaceQueryParam("page").toUriString() : uri.replaceQueryParam("page", page).toUriString();
    }
}

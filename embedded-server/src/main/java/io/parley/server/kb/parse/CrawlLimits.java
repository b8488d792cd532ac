package io.parley.server.kb.parse;

import java.time.Duration;

/**
 * What the server allows any crawl, whatever its settings: time per page and in all, bytes per
 * page, redirects per link.
 *
 * @param connectTimeout  to open a connection
 * @param pageTimeout     for one page from request to last byte
 * @param totalTimeout    for the whole crawl; pages not fetched by then are left out
 * @param maxPageBytes    a larger page is skipped with a failure
 * @param maxRedirects    hops followed per link
 * @param maxAttemptsFactor fetch attempts allowed per requested page, so broken links cannot keep a crawl busy
 */
public record CrawlLimits(Duration connectTimeout, Duration pageTimeout, Duration totalTimeout, long maxPageBytes,
                          int maxRedirects, int maxAttemptsFactor) {

    public static final String USER_AGENT = "ParleyBot/1.0";
    /** The product token robots.txt groups are matched against. */
    public static final String ROBOTS_TOKEN = "ParleyBot";

    public CrawlLimits {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || pageTimeout.isNegative() || pageTimeout.isZero()
                || totalTimeout.isNegative() || totalTimeout.isZero() || maxPageBytes < 1 || maxRedirects < 0
                || maxAttemptsFactor < 1) {
            throw new IllegalArgumentException("crawl limits must be positive");
        }
    }

    public static CrawlLimits defaults() {
        return new CrawlLimits(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofMinutes(10),
                5L * 1024 * 1024, 5, 3);
    }
}

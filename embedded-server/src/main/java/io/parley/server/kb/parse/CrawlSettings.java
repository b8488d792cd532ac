package io.parley.server.kb.parse;

import io.parley.server.common.ParleyException;

/**
 * What a user chooses for one crawl.
 *
 * @param maxPages pages to collect at most, 1..1000
 * @param maxDepth link hops from the start page, 0 (the start page only) ..10
 * @param sameSite follow only links to the start page's host (a leading {@code www.} ignored)
 */
public record CrawlSettings(int maxPages, int maxDepth, boolean sameSite) {

    public static final int MAX_PAGES = 1000;
    public static final int MAX_DEPTH = 10;

    public CrawlSettings {
        if (maxPages < 1 || maxPages > MAX_PAGES) {
            throw ParleyException.invalidField("max_pages", "'max_pages' must be between 1 and " + MAX_PAGES
                    + " (was " + maxPages + ")");
        }
        if (maxDepth < 0 || maxDepth > MAX_DEPTH) {
            throw ParleyException.invalidField("max_depth", "'max_depth' must be between 0 and " + MAX_DEPTH
                    + " (was " + maxDepth + ")");
        }
    }
}

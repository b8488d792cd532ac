package io.parley.server.kb.parse;

import java.net.URI;
import java.util.List;

/** The pages a crawl collected, in the order fetched, and every URL it could not use with the reason. */
public record CrawlResult(List<Page> pages, List<Failure> failures) {

    public CrawlResult {
        pages = List.copyOf(pages);
        failures = List.copyOf(failures);
    }

    /**
     * @param url   the page's address after redirects, normalised
     * @param depth     link hops from the start page
     * @param source    the page as fetched (HTML or plain text), so it can be parsed again later
     * @param mediaType {@code text/html} or {@code text/plain}
     */
    public record Page(URI url, String title, ParsedDocument document, int depth, String source, String mediaType) {
    }

    /**
     * @param status the HTTP status when the server answered (404, 500, 200 for an unusable
     *               page), 0 when it did not (timeout, refused, robots.txt)
     * @param reason a sentence for the user, e.g. "timed out after 20 s"
     */
    public record Failure(URI url, int status, String reason) {
    }
}

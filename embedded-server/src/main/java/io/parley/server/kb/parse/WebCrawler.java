package io.parley.server.kb.parse;

import io.parley.server.common.ParleyException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A small, polite, bounded crawler: breadth-first from a start URL, one request at a time, each
 * page fetched at most once (normalised URLs, loops and redirect cycles detected), robots.txt
 * obeyed for "ParleyBot" or "*", and pages asking for {@code noindex}/{@code nofollow} honoured.
 * Links are taken from the whole page (navigation included); the text is read without the
 * page's chrome. Every URL it could not use is reported with a reason.
 *
 * <pre>{@code
 * CrawlResult result = new WebCrawler(CrawlLimits.defaults()).crawl(URI.create("https://docs.example.com/"),
 *         new CrawlSettings(50, 3, true));
 * }</pre>
 */
public final class WebCrawler implements AutoCloseable {

    private record Queued(URI url, int depth) {
    }

    /** A site's robots.txt rules, or why it could not be read (then nothing may be fetched there). */
    private record Robots(RobotsRules rules, int status, String unreadable) {
    }

    private final CrawlLimits limits;
    private final PageFetcher fetcher;
    private final long maxTextChars;

    public WebCrawler(CrawlLimits limits) {
        this(limits, DocumentParser.DEFAULT_MAX_TEXT_CHARS);
    }

    public WebCrawler(CrawlLimits limits, long maxTextChars) {
        this.limits = limits;
        this.fetcher = new PageFetcher(limits);
        this.maxTextChars = maxTextChars;
    }

    /** Crawls from {@code start}; fails only for a start URL that is not http(s). Not thread-safe per call, reusable. */
    public CrawlResult crawl(URI start, CrawlSettings settings) {
        URI first = start == null ? null : UrlNormalizer.normalize(start.toString());
        if (first == null) {
            throw ParleyException.invalidField("url", "'url' must be an http or https address like https://example.com/");
        }
        return new Run(first, settings).crawl();
    }

    /** Closes the HTTP client's connections and threads. */
    @Override
    public void close() {
        fetcher.close();
    }

    /** The state of one crawl. */
    private final class Run {
        private final URI start;
        private final CrawlSettings settings;
        private final Deque<Queued> queue = new ArrayDeque<>();
        private final Set<URI> seen = new HashSet<>();
        private final Map<String, Robots> robots = new HashMap<>();
        private final List<CrawlResult.Page> pages = new ArrayList<>();
        private final List<CrawlResult.Failure> failures = new ArrayList<>();
        private final long deadline;
        private int attempts;

        Run(URI start, CrawlSettings settings) {
            this.start = start;
            this.settings = settings;
            this.deadline = System.nanoTime() + limits.totalTimeout().toNanos();
        }

        CrawlResult crawl() {
            queue.add(new Queued(start, 0));
            seen.add(start);
            int maxAttempts = settings.maxPages() * limits.maxAttemptsFactor();
            while (!queue.isEmpty() && pages.size() < settings.maxPages() && attempts < maxAttempts) {
                if (System.nanoTime() > deadline) {
                    failures.add(new CrawlResult.Failure(queue.peek().url(), 0, "the crawl ran out of time ("
                            + limits.totalTimeout().toMinutes() + " min); " + queue.size() + " links were not visited"));
                    break;
                }
                visit(queue.poll());
            }
            return new CrawlResult(pages, failures);
        }

        private void visit(Queued item) {
            URI url = item.url();
            Set<URI> chain = new HashSet<>(List.of(url));
            for (int hop = 0; hop <= limits.maxRedirects(); hop++) {
                Robots siteRobots = robotsFor(url);
                if (siteRobots.unreadable() != null) {
                    failures.add(new CrawlResult.Failure(url, siteRobots.status(), siteRobots.unreadable()));
                    return;
                }
                if (!siteRobots.rules().allows(UrlNormalizer.pathAndQuery(url))) {
                    failures.add(new CrawlResult.Failure(url, 0, "disallowed by the site's robots.txt"));
                    return;
                }
                PageFetcher.Response response;
                attempts++;
                try {
                    response = fetcher.get(url, false);
                } catch (PageFetcher.FetchFailure e) {
                    failures.add(new CrawlResult.Failure(url, e.status, e.getMessage()));
                    return;
                }
                if (!response.isRedirect()) {
                    read(url, item.depth(), response);
                    return;
                }
                URI next = UrlNormalizer.resolve(url, response.location());
                String problem = next == null ? "redirects to an address that is not http(s)"
                        : !chain.add(next) ? "redirect loop"
                        : settings.sameSite() && !UrlNormalizer.sameSite(start, next) ? "redirects to another site: " + next
                        : null;
                if (problem != null) {
                    // reported under the link the user's site has, not the hop where the chain went wrong
                    failures.add(new CrawlResult.Failure(item.url(), response.status(), problem));
                    return;
                }
                if (!seen.add(next)) {
                    return; // lands on a page already crawled or queued: nothing new
                }
                url = next;
            }
            failures.add(new CrawlResult.Failure(item.url(), 0, "more than " + limits.maxRedirects() + " redirects"));
        }

        private void read(URI url, int depth, PageFetcher.Response response) {
            try {
                ParsedDocument document;
                String source;
                if (response.mediaType().equals("text/plain")) {
                    String text = TextDecoder.decode(url.toString(), response.body(), "text");
                    document = PlainTextParser.parse(url.getPath(), text, "text/plain");
                    source = text;
                } else {
                    Document html = Jsoup.parse(new ByteArrayInputStream(response.body()), response.charset(),
                            url.toString());
                    String robotsMeta = robotsMeta(html);
                    if (depth < settings.maxDepth() && !robotsMeta.contains("nofollow")) {
                        enqueueLinks(html, depth + 1);
                    }
                    if (robotsMeta.contains("noindex")) {
                        failures.add(new CrawlResult.Failure(url, 200, "the page asks not to be indexed (noindex)"));
                        return;
                    }
                    source = html.outerHtml(); // kept before parsing strips the page's chrome
                    document = HtmlDocumentParser.parse(url.toString(), html, response.mediaType(), maxTextChars);
                }
                pages.add(new CrawlResult.Page(url, document.title(), document, depth, source, response.mediaType()));
            } catch (DocumentParseException e) {
                failures.add(new CrawlResult.Failure(url, response.status(), e.getMessage()));
            } catch (IOException e) {
                throw new UncheckedIOException(e); // parsing an in-memory page does not read from anywhere
            }
        }

        private void enqueueLinks(Document html, int depth) {
            for (Element link : html.select("a[href]")) {
                if (link.attr("rel").toLowerCase(Locale.ROOT).contains("nofollow")) {
                    continue;
                }
                URI target = UrlNormalizer.normalize(link.absUrl("href"));
                if (target != null && !UrlNormalizer.looksLikeFile(target)
                        && (!settings.sameSite() || UrlNormalizer.sameSite(start, target)) && seen.add(target)) {
                    queue.add(new Queued(target, depth));
                }
            }
        }

        private Robots robotsFor(URI url) {
            return robots.computeIfAbsent(url.getScheme() + "://" + url.getRawAuthority(), origin -> {
                try {
                    PageFetcher.Response response = fetcher.get(UrlNormalizer.robotsTxt(url), true);
                    if (response.isRedirect()) {
                        return new Robots(RobotsRules.allowAll(), 0, null); // rare; treated as absent
                    }
                    String text = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
                    return new Robots(RobotsRules.parse(text, CrawlLimits.ROBOTS_TOKEN), 0, null);
                } catch (PageFetcher.FetchFailure e) {
                    // RFC 9309: a missing robots.txt (4xx) allows everything; an unreachable one forbids all.
                    if (e.status / 100 == 4) {
                        return new Robots(RobotsRules.allowAll(), 0, null);
                    }
                    String why = e.status == 0 ? e.getMessage() : "the site's robots.txt answered HTTP " + e.status
                            + ", so the site is treated as closed to crawlers for now; try again later";
                    return new Robots(RobotsRules.disallowAll(), e.status, why);
                }
            });
        }

        private static String robotsMeta(Document html) {
            StringBuilder content = new StringBuilder();
            for (Element meta : html.select("meta[name]")) {
                String name = meta.attr("name").toLowerCase(Locale.ROOT);
                if (name.equals("robots") || name.equals(CrawlLimits.ROBOTS_TOKEN.toLowerCase(Locale.ROOT))) {
                    content.append(meta.attr("content").toLowerCase(Locale.ROOT)).append(',');
                }
            }
            return content.toString();
        }
    }
}

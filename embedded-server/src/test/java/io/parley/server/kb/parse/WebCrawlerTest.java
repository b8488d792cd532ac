package io.parley.server.kb.parse;

import io.parley.server.common.ParleyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebCrawlerTest {

    private static final CrawlLimits LIMITS = new CrawlLimits(Duration.ofSeconds(2), Duration.ofMillis(500),
            Duration.ofMinutes(1), 64 * 1024, 3, 3);

    private TestSite site;
    private TestSite otherSite;
    private final WebCrawler crawler = new WebCrawler(LIMITS);

    @BeforeEach
    void serveWebsite() throws IOException {
        otherSite = new TestSite("localhost");
        otherSite.html("/offsite", page("Elsewhere", "<p>Another site entirely.</p>"));
        site = new TestSite("127.0.0.1");
        site.content("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\n".getBytes(StandardCharsets.UTF_8))
                .html("/", page("Home", """
                        <nav><a href="/about">About</a> <a href="/docs/a">Docs</a></nav>
                        <h1>Welcome</h1><p>The home page of the shop.</p>
                        <a href="/about#team">Team</a> <a href="/missing">Gone</a> <a href="/slow">Slow</a>
                        <a href="/big">Big</a> <a href="/binary">Binary</a> <a href="/private/page">Private</a>
                        <a href="/loop-a">Loop</a> <a href="/redirect">Redirect</a> <a href="/redirect-loop">Cycle</a>
                        <a href="%s">Off site</a> <a href="mailto:shop@example.com">Mail</a>
                        <a href="/logo.png">Logo</a> <a href="/plain.txt">Plain</a> <a href="/noindex">Hidden</a>
                        <a href="/ads" rel="nofollow">Ads</a>
                        <footer>Home footer</footer>
                        """.formatted(otherSite.url("/offsite"))))
                .html("/about", page("About us", "<p>We sell kettles.</p><a href='/'>Home</a><a href='/about'>Self</a>"))
                .html("/docs/a", page("Docs A", "<p>Level one.</p><a href='/docs/b'>B</a>"))
                .html("/docs/b", page("Docs B", "<p>Level two.</p><a href='/docs/c'>C</a>"))
                .html("/docs/c", page("Docs C", "<p>Level three.</p><a href='/docs/d'>D</a>"))
                .html("/docs/d", page("Docs D", "<p>Level four.</p>"))
                .html("/loop-a", page("Loop A", "<p>A.</p><a href='/loop-b'>B</a>"))
                .html("/loop-b", page("Loop B", "<p>B.</p><a href='/loop-a'>A</a><a href='loop-a#again'>A</a>"))
                .redirect("/redirect", "/about")
                .redirect("/redirect-loop", "/redirect-loop-2")
                .redirect("/redirect-loop-2", "/redirect-loop")
                .hanging("/slow")
                .html("/big", page("Big", "<p>" + "word ".repeat(20_000) + "</p>"))
                .content("/binary", "application/octet-stream", new byte[] {1, 2, 3})
                .content("/plain.txt", "text/plain; charset=utf-8", "Plain notes.\n\nSecond part.".getBytes(StandardCharsets.UTF_8))
                .html("/noindex", "<html><head><meta name='robots' content='noindex'></head><body><p>Hidden.</p>"
                        + "<a href='/from-noindex'>next</a></body></html>")
                .html("/from-noindex", page("Reached", "<p>Reached through a noindex page.</p>"));
    }

    @AfterEach
    void stop() {
        crawler.close();
        site.close();
        otherSite.close();
    }

    @Test
    void crawlsTheSiteOnceRespectingRobotsDepthAndSite() {
        CrawlResult result = crawler.crawl(site.url("/"), new CrawlSettings(50, 3, true));

        assertThat(result.pages()).extracting(p -> p.url().getPath()).containsExactlyInAnyOrder("/", "/about",
                "/docs/a", "/docs/b", "/docs/c", "/loop-a", "/loop-b", "/plain.txt", "/from-noindex");
        Map<String, CrawlResult.Failure> failures = result.failures().stream()
                .collect(Collectors.toMap(f -> f.url().getPath(), Function.identity()));
        assertThat(failures.keySet()).containsExactlyInAnyOrder("/missing", "/slow", "/big", "/binary",
                "/private/page", "/redirect-loop", "/noindex");
        assertThat(failures.get("/missing").status()).isEqualTo(404);
        assertThat(failures.get("/missing").reason()).contains("404", "not found");
        assertThat(failures.get("/slow").status()).isZero();
        assertThat(failures.get("/slow").reason()).contains("timed out");
        assertThat(failures.get("/big").reason()).contains("larger than the limit of 64 KB");
        assertThat(failures.get("/binary").reason()).contains("not an HTML or text page", "application/octet-stream");
        assertThat(failures.get("/private/page").reason()).contains("robots.txt");
        assertThat(failures.get("/redirect-loop").reason()).contains("redirect loop");
        assertThat(failures.get("/noindex").reason()).contains("noindex");

        assertThat(site.requests()).doesNotContain("/private/page", "/logo.png", "/ads", "/docs/d")
                .doesNotHaveDuplicates();
        assertThat(otherSite.requests()).isEmpty();
    }

    @Test
    void pagesAreParsedWithoutTheirChrome() {
        CrawlResult result = crawler.crawl(site.url("/"), new CrawlSettings(1, 0, true));

        CrawlResult.Page home = result.pages().getFirst();
        assertThat(home.title()).isEqualTo("Home");
        assertThat(home.depth()).isZero();
        assertThat(home.document().text()).contains("Welcome", "The home page of the shop.")
                .doesNotContain("Home footer", "Docs");
        assertThat(result.failures()).isEmpty();
        assertThat(site.requests()).containsExactly("/robots.txt", "/");
    }

    @Test
    void maxPagesAndMaxDepthBoundTheCrawl() {
        CrawlResult two = crawler.crawl(site.url("/"), new CrawlSettings(2, 3, true));
        CrawlResult shallow = crawler.crawl(site.url("/docs/a"), new CrawlSettings(50, 1, true));

        assertThat(two.pages()).hasSize(2);
        assertThat(shallow.pages()).extracting(p -> p.url().getPath()).containsExactly("/docs/a", "/docs/b");
        assertThat(shallow.pages()).extracting(CrawlResult.Page::depth).containsExactly(0, 1);
    }

    @Test
    void offSiteLinksAreFollowedWhenAllowed() {
        CrawlResult result = crawler.crawl(site.url("/"), new CrawlSettings(50, 1, false));

        assertThat(result.pages()).extracting(CrawlResult.Page::url).contains(otherSite.url("/offsite"));
        assertThat(otherSite.requests()).containsExactly("/robots.txt", "/offsite"); // its robots.txt is a 404: allowed
    }

    @Test
    void anUnreachableStartIsOneFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CrawlResult result = crawler.crawl(URI.create("http://127.0.0.1:" + closedPort + "/"), new CrawlSettings(5, 2, true));

        assertThat(result.pages()).isEmpty();
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.status()).isZero();
            assertThat(f.reason()).contains("could not connect");
        });
    }

    @Test
    void aSiteWhoseRobotsTxtFailsIsLeftAlone() {
        site.hanging("/robots.txt");

        CrawlResult result = crawler.crawl(site.url("/"), new CrawlSettings(5, 2, true));

        assertThat(result.pages()).isEmpty();
        assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f.reason()).contains("timed out"));
        assertThat(site.requests()).containsExactly("/robots.txt");
    }

    @Test
    void onlyHttpStartAddressesAreAccepted() {
        assertThatThrownBy(() -> crawler.crawl(URI.create("file:///etc/passwd"), new CrawlSettings(5, 2, true)))
                .isInstanceOfSatisfying(ParleyException.class, e -> assertThat(e.details()).containsEntry("field", "url"));
        assertThatThrownBy(() -> new CrawlSettings(0, 2, true)).isInstanceOf(ParleyException.class)
                .hasMessageContaining("max_pages");
        assertThatThrownBy(() -> new CrawlSettings(5, 11, true)).hasMessageContaining("max_depth");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><title>" + title + "</title></head><body>" + body + "</body></html>";
    }
}

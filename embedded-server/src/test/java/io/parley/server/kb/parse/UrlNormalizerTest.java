package io.parley.server.kb.parse;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class UrlNormalizerTest {

    @Test
    void oneSpellingPerPage() {
        assertThat(UrlNormalizer.normalize("HTTP://Example.COM:80/a/./b/../c?x=1#part"))
                .isEqualTo(URI.create("http://example.com/a/c?x=1"));
        assertThat(UrlNormalizer.normalize("https://user:secret@example.com:443")).isEqualTo(URI.create("https://example.com/"));
        assertThat(UrlNormalizer.normalize("https://example.com:8443/x")).isEqualTo(URI.create("https://example.com:8443/x"));
    }

    @Test
    void onlyHttpAddressesAreCrawlable() {
        assertThat(UrlNormalizer.normalize("mailto:a@example.com")).isNull();
        assertThat(UrlNormalizer.normalize("javascript:alert(1)")).isNull();
        assertThat(UrlNormalizer.normalize("ftp://example.com/file")).isNull();
        assertThat(UrlNormalizer.normalize("not a url at all")).isNull();
        assertThat(UrlNormalizer.normalize("")).isNull();
    }

    @Test
    void relativeLinksResolveAgainstTheirPage() {
        URI page = URI.create("https://example.com/docs/guide/intro");

        assertThat(UrlNormalizer.resolve(page, "../api#top")).isEqualTo(URI.create("https://example.com/docs/api"));
        assertThat(UrlNormalizer.resolve(page, "/faq?q=a b")).isEqualTo(URI.create("https://example.com/faq?q=a%20b"));
        assertThat(UrlNormalizer.resolve(page, "#section")).isEqualTo(URI.create("https://example.com/docs/guide/intro"));
    }

    @Test
    void sameSiteIgnoresWwwSchemeAndPort() {
        URI start = URI.create("https://www.example.com/");

        assertThat(UrlNormalizer.sameSite(start, URI.create("http://example.com:8080/x"))).isTrue();
        assertThat(UrlNormalizer.sameSite(start, URI.create("https://blog.example.com/"))).isFalse();
        assertThat(UrlNormalizer.sameSite(start, URI.create("https://example.org/"))).isFalse();
    }

    @Test
    void fileLinksAreRecognised() {
        assertThat(UrlNormalizer.looksLikeFile(URI.create("https://e.com/a/manual.PDF"))).isTrue();
        assertThat(UrlNormalizer.looksLikeFile(URI.create("https://e.com/img/logo.png"))).isTrue();
        assertThat(UrlNormalizer.looksLikeFile(URI.create("https://e.com/v1.2/page"))).isFalse();
        assertThat(UrlNormalizer.looksLikeFile(URI.create("https://e.com/page.html"))).isFalse();
    }
}

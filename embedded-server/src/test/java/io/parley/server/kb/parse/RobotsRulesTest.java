package io.parley.server.kb.parse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RobotsRulesTest {

    private static final String ROBOTS = """
            # a comment
            User-agent: *
            Disallow: /private/
            Disallow: /tmp

            User-agent: OtherBot
            User-agent: parleybot/2.0   # our token, any version, any case
            Disallow: /secret
            Disallow: /drafts/
            Allow: /drafts/public
            Disallow: /*.zip$
            Disallow: /search*q=
            Disallow:

            Sitemap: https://example.com/sitemap.xml
            """;

    @Test
    void ourOwnGroupReplacesTheStarGroup() {
        RobotsRules rules = RobotsRules.parse(ROBOTS, "ParleyBot");

        assertThat(rules.allows("/private/page")).isTrue(); // only the * group says so
        assertThat(rules.allows("/secret")).isFalse();
        assertThat(rules.allows("/secret-plans/x")).isFalse(); // rules are prefixes
        assertThat(rules.allows("/")).isTrue();
    }

    @Test
    void theLongestMatchWinsAndAllowWinsTies() {
        RobotsRules rules = RobotsRules.parse(ROBOTS, "ParleyBot");

        assertThat(rules.allows("/drafts/one")).isFalse();
        assertThat(rules.allows("/drafts/public/one")).isTrue();
        assertThat(RobotsRules.parse("User-agent: *\nDisallow: /a\nAllow: /a\n", "ParleyBot").allows("/a")).isTrue();
    }

    @Test
    void wildcardsAndEndAnchors() {
        RobotsRules rules = RobotsRules.parse(ROBOTS, "ParleyBot");

        assertThat(rules.allows("/files/a.zip")).isFalse();
        assertThat(rules.allows("/files/a.zip?download=1")).isTrue();
        assertThat(rules.allows("/search?lang=en&q=kettle")).isFalse();
        assertThat(rules.allows("/search")).isTrue();
    }

    @Test
    void otherCrawlersUseTheStarGroup() {
        RobotsRules rules = RobotsRules.parse(ROBOTS, "SomeBot");

        assertThat(rules.allows("/private/page")).isFalse();
        assertThat(rules.allows("/tmpfile")).isFalse();
        assertThat(rules.allows("/secret")).isTrue();
    }

    @Test
    void noMatchingGroupOrAnEmptyFileAllowsEverything() {
        assertThat(RobotsRules.parse("User-agent: OtherBot\nDisallow: /\n", "ParleyBot").allows("/x")).isTrue();
        assertThat(RobotsRules.parse("", "ParleyBot").allows("/x")).isTrue();
        assertThat(RobotsRules.parse("User-agent: *\nDisallow: /\n", "ParleyBot").allows("/x")).isFalse();
        assertThat(RobotsRules.disallowAll().allows("/robots.txt")).isTrue();
        assertThat(RobotsRules.disallowAll().allows("/index.html")).isFalse();
    }
}

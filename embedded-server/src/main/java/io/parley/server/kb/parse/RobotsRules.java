package io.parley.server.kb.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of a robots.txt (RFC 9309) that apply to one crawler: the groups naming its product
 * token, else the {@code *} groups. The longest matching pattern decides; on a tie Allow wins.
 * Patterns support {@code *} and a final {@code $}. Crawl-delay and Sitemap lines are ignored.
 *
 * <pre>{@code
 * RobotsRules rules = RobotsRules.parse(robotsTxt, "ParleyBot");
 * rules.allows("/private/page?x=1");
 * }</pre>
 */
public final class RobotsRules {

    private static final RobotsRules ALLOW_ALL = new RobotsRules(List.of());
    private static final RobotsRules DISALLOW_ALL = new RobotsRules(List.of(new Rule(false, "/", Pattern.compile("/"))));

    private record Rule(boolean allow, String pattern, Pattern regex) {
    }

    private final List<Rule> rules;

    private RobotsRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static RobotsRules allowAll() {
        return ALLOW_ALL;
    }

    /** For a site whose robots.txt cannot be read because of a server error: RFC 9309 says assume "keep out". */
    public static RobotsRules disallowAll() {
        return DISALLOW_ALL;
    }

    public static RobotsRules parse(String robotsTxt, String productToken) {
        String agent = productToken.toLowerCase(Locale.ROOT);
        List<Rule> ours = new ArrayList<>();
        List<Rule> anyone = new ArrayList<>();
        boolean oursMatched = false;
        boolean groupIsOurs = false;
        boolean groupIsAnyone = false;
        boolean inAgents = false; // consecutive User-agent lines share one group
        for (String rawLine : robotsTxt.split("\\r\\n|\\r|\\n")) {
            String line = stripComment(rawLine);
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (key.equals("user-agent")) {
                if (!inAgents) {
                    groupIsOurs = false;
                    groupIsAnyone = false;
                }
                inAgents = true;
                String token = value.toLowerCase(Locale.ROOT).split("[/\\s]", 2)[0];
                groupIsOurs |= token.equals(agent);
                groupIsAnyone |= token.equals("*");
                oursMatched |= token.equals(agent);
            } else if (key.equals("allow") || key.equals("disallow")) {
                inAgents = false;
                if (value.isEmpty()) {
                    continue; // "Disallow:" with nothing after it allows everything
                }
                Rule rule = new Rule(key.equals("allow"), value, compile(value));
                if (groupIsOurs) {
                    ours.add(rule);
                }
                if (groupIsAnyone) {
                    anyone.add(rule);
                }
            } else {
                inAgents = false;
            }
        }
        return new RobotsRules(oursMatched ? ours : anyone);
    }

    /** @param pathAndQuery the raw path with its query, e.g. {@code /docs/a?page=2} */
    public boolean allows(String pathAndQuery) {
        String path = pathAndQuery.isEmpty() ? "/" : pathAndQuery;
        if (path.equals("/robots.txt")) {
            return true;
        }
        Rule best = null;
        for (Rule rule : rules) {
            if (rule.regex().matcher(path).lookingAt() && (best == null
                    || rule.pattern().length() > best.pattern().length()
                    || rule.pattern().length() == best.pattern().length() && rule.allow())) {
                best = rule;
            }
        }
        return best == null || best.allow();
    }

    private static Pattern compile(String pattern) {
        boolean anchored = pattern.endsWith("$");
        String body = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        StringBuilder regex = new StringBuilder();
        for (String literal : body.split("\\*", -1)) {
            if (!regex.isEmpty() || body.startsWith("*")) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        if (anchored) {
            regex.append('$');
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}

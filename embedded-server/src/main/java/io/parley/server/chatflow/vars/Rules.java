package io.parley.server.chatflow.vars;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.parley.server.chatflow.run.Ref;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The seed's JSON rules: {@code {"var": "vars.age", "gte": 13}} with {@code eq, ne, gt, gte, lt,
 * lte, in, contains, starts_with, ends_with, matches, exists, empty}, combined with
 * {@code {"and": [...]}}, {@code {"or": [...]}} and {@code {"not": {...}}}. Numbers compare as
 * numbers (an answer "15" is 15); text compares exactly unless {@code "ignore_case": true}. A
 * missing value fails every test but {@code exists: false} and {@code empty: true}.
 */
public final class Rules {

    static final Set<String> OPERATORS = Set.of("eq", "ne", "gt", "gte", "lt", "lte", "in", "contains",
            "starts_with", "ends_with", "matches", "exists", "empty");
    static final int MAX_PATTERN = 500;
    static final int MAX_DEPTH = 20;

    private Rules() {
    }

    /** Checks a rule and gives what it reads. */
    public static List<Ref> references(JsonNode rule) {
        List<Ref> refs = new ArrayList<>();
        check(rule, refs, 0);
        return refs;
    }

    public static boolean test(JsonNode rule, ObjectNode state) {
        if (rule.has("and")) {
            for (JsonNode r : rule.get("and")) {
                if (!test(r, state)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("or")) {
            for (JsonNode r : rule.get("or")) {
                if (test(r, state)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("not")) {
            return !test(rule.get("not"), state);
        }
        JsonNode value = StateView.resolve(state, path(rule.get("var").asText()).segments());
        boolean ignoreCase = rule.path("ignore_case").asBoolean(false);
        String op = operator(rule);
        JsonNode expected = rule.get(op);
        boolean absent = value.isMissingNode() || value.isNull();
        return switch (op) {
            case "exists" -> expected.asBoolean(true) != absent;
            case "empty" -> expected.asBoolean(true) == (absent || value.isTextual() && value.asText().isBlank()
                    || value.isContainerNode() && value.isEmpty());
            default -> !absent && compare(op, value, expected, ignoreCase);
        };
    }

    private static boolean compare(String op, JsonNode value, JsonNode expected, boolean ignoreCase) {
        switch (op) {
            case "eq", "ne" -> {
                boolean equal = same(value, expected, ignoreCase);
                return op.equals("eq") == equal;
            }
            case "gt", "gte", "lt", "lte" -> {
                BigDecimal a = number(value);
                BigDecimal b = number(expected);
                int c;
                if (a != null && b != null) {
                    c = a.compareTo(b);
                } else if (value.isTextual() && expected.isTextual()) {
                    c = text(value, ignoreCase).compareTo(text(expected, ignoreCase));
                } else {
                    return false;
                }
                return switch (op) {
                    case "gt" -> c > 0;
                    case "gte" -> c >= 0;
                    case "lt" -> c < 0;
                    default -> c <= 0;
                };
            }
            case "in" -> {
                for (JsonNode e : expected) {
                    if (same(value, e, ignoreCase)) {
                        return true;
                    }
                }
                return false;
            }
            case "contains" -> {
                if (value.isArray()) {
                    for (JsonNode e : value) {
                        if (same(e, expected, ignoreCase)) {
                            return true;
                        }
                    }
                    return false;
                }
                return text(value, ignoreCase).contains(text(expected, ignoreCase));
            }
            case "starts_with" -> {
                return text(value, ignoreCase).startsWith(text(expected, ignoreCase));
            }
            case "ends_with" -> {
                return text(value, ignoreCase).endsWith(text(expected, ignoreCase));
            }
            case "matches" -> {
                Pattern p = Pattern.compile(expected.asText(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
                return p.matcher(StateView.text(value)).find();
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean same(JsonNode a, JsonNode b, boolean ignoreCase) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y) == 0;
        }
        if (a.isValueNode() && b.isValueNode()) {
            return text(a, ignoreCase).equals(text(b, ignoreCase));
        }
        return a.equals(b);
    }

    private static String text(JsonNode v, boolean ignoreCase) {
        String s = StateView.text(v);
        return ignoreCase ? s.toLowerCase(Locale.ROOT) : s;
    }

    /** A number, or text that is one ("15", " 2.5 "); null otherwise. */
    static BigDecimal number(JsonNode v) {
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isTextual()) {
            String s = v.asText().strip();
            if (s.matches("[-+]?\\d{1,30}(\\.\\d{1,30})?")) {
                return new BigDecimal(s);
            }
        }
        return null;
    }

    private static void check(JsonNode rule, List<Ref> refs, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("The rule is nested more than " + MAX_DEPTH + " levels deep");
        }
        if (rule == null || !rule.isObject()) {
            throw new IllegalArgumentException("A rule is an object like {\"var\": \"vars.age\", \"gte\": 18}");
        }
        for (String combinator : List.of("and", "or")) {
            if (rule.has(combinator)) {
                JsonNode list = rule.get(combinator);
                if (!list.isArray() || list.isEmpty()) {
                    throw new IllegalArgumentException("'" + combinator + "' must be a list of rules");
                }
                for (JsonNode r : list) {
                    check(r, refs, depth + 1);
                }
                return;
            }
        }
        if (rule.has("not")) {
            check(rule.get("not"), refs, depth + 1);
            return;
        }
        if (!rule.path("var").isTextual() || rule.get("var").asText().isBlank()) {
            throw new IllegalArgumentException("A rule names what it tests with \"var\", like {\"var\": \"vars.age\", \"gte\": 18}");
        }
        Template.Path path;
        try {
            path = path(rule.get("var").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"var\": " + e.getMessage());
        }
        refs.add(path.ref());
        String op = operator(rule);
        if (op == null) {
            List<String> unknown = new ArrayList<>();
            rule.fieldNames().forEachRemaining(f -> {
                if (!f.equals("var") && !f.equals("ignore_case")) {
                    unknown.add(f);
                }
            });
            throw new IllegalArgumentException(unknown.isEmpty() ? "The rule on '" + rule.get("var").asText()
                    + "' has no test: add one of " + String.join(", ", new java.util.TreeSet<>(OPERATORS))
                    : "Unknown test '" + unknown.get(0) + "': use one of " + String.join(", ", new java.util.TreeSet<>(OPERATORS)));
        }
        JsonNode expected = rule.get(op);
        if (op.equals("in") && !expected.isArray()) {
            throw new IllegalArgumentException("'in' needs a list of values");
        }
        if (op.equals("matches")) {
            if (!expected.isTextual() || expected.asText().length() > MAX_PATTERN) {
                throw new IllegalArgumentException("'matches' needs a regular expression of at most " + MAX_PATTERN + " characters");
            }
            try {
                Pattern.compile(expected.asText());
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'matches' is not a valid regular expression: " + e.getDescription()
                        + " (look-arounds and back-references are not supported)");
            }
        }
    }

    private static String operator(JsonNode rule) {
        String found = null;
        var names = rule.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (OPERATORS.contains(f)) {
                if (found != null) {
                    throw new IllegalArgumentException("A rule has one test; split '" + found + "' and '" + f + "' with \"and\"");
                }
                found = f;
            }
        }
        return found;
    }

    private static Template.Path path(String text) {
        String t = text.strip();
        Template parsed = Template.parse(t.startsWith("{{") ? t : "{{" + t + "}}");
        if (!(parsed.single() instanceof Template.Path p)) {
            throw new IllegalArgumentException("'" + text + "' is not a variable name");
        }
        return p;
    }
}

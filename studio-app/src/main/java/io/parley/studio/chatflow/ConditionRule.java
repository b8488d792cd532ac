package io.parley.studio.chatflow;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A branch's condition as the inspector's form shows it: tests of the form "what · how · value",
 * all or any of which must hold. It reads and writes the engine's JSON rules
 * ({@code {"and": [{"var": "vars.age", "gte": 18}]}}), so a builder never types an expression; a
 * condition the form cannot show (an expression, a nested rule) is edited as text instead.
 */
public record ConditionRule(boolean any, boolean ignoreCase, List<Test> tests) {

    /** How a value is tested, in the builder's words, with the engine's operator. */
    public enum How {
        IS("eq", null, "is"),
        IS_NOT("ne", null, "is not"),
        CONTAINS("contains", null, "contains"),
        STARTS_WITH("starts_with", null, "starts with"),
        ENDS_WITH("ends_with", null, "ends with"),
        MORE("gt", null, "is more than"),
        AT_LEAST("gte", null, "is at least"),
        LESS("lt", null, "is less than"),
        AT_MOST("lte", null, "is at most"),
        ONE_OF("in", null, "is one of (commas between)"),
        MATCHES("matches", null, "matches the pattern"),
        EMPTY("empty", true, "is empty"),
        NOT_EMPTY("empty", false, "is not empty"),
        KNOWN("exists", true, "is known"),
        UNKNOWN("exists", false, "is not known");

        private final String operator;
        private final Boolean flag;
        private final String words;

        How(String operator, Boolean flag, String words) {
            this.operator = operator;
            this.flag = flag;
            this.words = words;
        }

        public String words() {
            return words;
        }

        /** Whether the builder types a value to compare with. */
        public boolean takesValue() {
            return flag == null;
        }

        boolean numeric() {
            return this == MORE || this == AT_LEAST || this == LESS || this == AT_MOST;
        }

        static Optional<How> of(String operator, Object argument) {
            return Arrays.stream(values()).filter(h -> h.operator.equals(operator)
                    && (h.flag == null || h.flag.equals(!Boolean.FALSE.equals(argument)))).findFirst();
        }
    }

    /** One test: {@code subject} is what is tested, as a path ({@code vars.age}, {@code input}). */
    public record Test(String subject, How how, String value) {
        public Test {
            subject = subject == null ? "" : unwrap(subject);
            how = how == null ? How.IS : how;
            value = value == null ? "" : value;
        }
    }

    public ConditionRule {
        tests = List.copyOf(tests);
    }

    /** A new branch's condition: one empty test. */
    public static ConditionRule blank() {
        return new ConditionRule(false, true, List.of(new Test("", How.IS, "")));
    }

    /**
     * The form for a stored condition, or empty when the form cannot show it (an expression
     * written as text, or a rule with {@code not} or nesting). Nothing stored reads as blank.
     */
    public static Optional<ConditionRule> read(Object when) {
        if (when == null || when instanceof String s && s.isBlank()) {
            return Optional.of(blank());
        }
        if (!(when instanceof Map<?, ?> rule)) {
            return Optional.empty();
        }
        for (String join : List.of("and", "or")) {
            if (rule.size() == 1 && rule.get(join) instanceof List<?> parts && !parts.isEmpty()) {
                List<Test> tests = new ArrayList<>();
                boolean ignoreCase = false;
                for (Object part : parts) {
                    Optional<Test> test = part instanceof Map<?, ?> m ? test(m) : Optional.empty();
                    if (test.isEmpty()) {
                        return Optional.empty();
                    }
                    tests.add(test.get());
                    ignoreCase |= Boolean.TRUE.equals(((Map<?, ?>) part).get("ignore_case"));
                }
                return Optional.of(new ConditionRule(join.equals("or"), ignoreCase, tests));
            }
        }
        return test(rule).map(t -> new ConditionRule(false, Boolean.TRUE.equals(rule.get("ignore_case")), List.of(t)));
    }

    private static Optional<Test> test(Map<?, ?> rule) {
        if (!(rule.get("var") instanceof String subject)) {
            return Optional.empty();
        }
        for (Map.Entry<?, ?> e : rule.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equals("var") || key.equals("ignore_case")) {
                continue;
            }
            Optional<How> how = How.of(key, e.getValue());
            if (how.isEmpty()) {
                return Optional.empty();
            }
            String value = !how.get().takesValue() ? ""
                    : e.getValue() instanceof List<?> list
                    ? String.join(", ", list.stream().map(String::valueOf).toList())
                    : plain(e.getValue());
            return Optional.of(new Test(unwrap(subject), how.get(), value));
        }
        return Optional.empty();
    }

    /** The engine's rule: one test alone, or several under {@code and} / {@code or}. */
    public Map<String, Object> write() {
        List<Map<String, Object>> parts = tests.stream().map(this::write).toList();
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Map<String, Object> joined = new LinkedHashMap<>();
        joined.put(any ? "or" : "and", parts);
        return joined;
    }

    private Map<String, Object> write(Test t) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("var", t.subject());
        Object argument;
        if (!t.how().takesValue()) {
            argument = t.how().flag;
        } else if (t.how() == How.ONE_OF) {
            argument = Arrays.stream(t.value().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        } else if (t.how().numeric()) {
            argument = number(t.value()).<Object>map(n -> n).orElse(t.value().strip());
        } else {
            argument = t.value().strip();
        }
        rule.put(t.how().operator, argument);
        if (ignoreCase && t.how().takesValue() && !t.how().numeric()) {
            rule.put("ignore_case", true);
        }
        return rule;
    }

    /** The tests in words, for a card: "vars.age is at least 18 and input contains refund". */
    public String describe() {
        return String.join(any ? " or " : " and ", tests.stream()
                .map(t -> (t.subject().isEmpty() ? "?" : t.subject()) + " " + t.how().words().replace(" (commas between)", "")
                        + (t.how().takesValue() ? " " + t.value().strip() : ""))
                .toList());
    }

    public ConditionRule withTests(List<Test> changed) {
        return new ConditionRule(any, ignoreCase, changed);
    }

    private static Optional<Number> number(String text) {
        try {
            BigDecimal d = new BigDecimal(text.strip());
            return Optional.of(d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
                    ? (Number) d.longValue() : (Number) d.doubleValue());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String plain(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return String.valueOf(d.longValue());
        }
        return value == null ? "" : String.valueOf(value);
    }

    /** {@code {{vars.age}}} and {@code vars.age} are the same subject. */
    static String unwrap(String subject) {
        String s = subject.strip();
        return s.startsWith("{{") && s.endsWith("}}") ? s.substring(2, s.length() - 2).strip() : s;
    }
}

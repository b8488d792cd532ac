package io.parley.server.chatflow.vars;

import io.parley.server.chatflow.run.Ref;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed template: literal text and {@code {{…}}} references. References are paths
 * ({@code input}, {@code vars.items[0].title}, {@code llm1.intent}) or {@code secret:name}. Parsing
 * happens once per template text; values are inserted by {@link StateView} without ever being
 * parsed again, so text a visitor types cannot become a reference.
 */
public final class Template {

    /** The scopes of the run state; a first segment that is none of these names a node or a variable. */
    public static final Set<String> SCOPES = Set.of("user", "vars", "context", "local", "temp");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_.-]{1,200}");

    /** One piece: literal text, or a reference (a path, or a secret's name). */
    public sealed interface Part {
    }

    public record Text(String text) implements Part {
    }

    public record Path(List<String> segments) implements Part {
        public String head() {
            return segments.get(0);
        }

        public Ref ref() {
            String head = head();
            List<String> rest = segments.subList(1, segments.size());
            if (head.equals("input")) {
                return new Ref(Ref.Kind.INPUT, head, rest);
            }
            return new Ref(SCOPES.contains(head) ? Ref.Kind.SCOPE : Ref.Kind.NAME, head, rest);
        }
    }

    public record Secret(String name) implements Part {
    }

    private final List<Part> parts;

    private Template(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    public List<Part> parts() {
        return parts;
    }

    /** The single reference this template is (surrounding spaces aside), or null. */
    public Part single() {
        List<Part> meaningful = parts.stream().filter(p -> !(p instanceof Text t && t.text().isBlank())).toList();
        return meaningful.size() == 1 && !(meaningful.get(0) instanceof Text) ? meaningful.get(0) : null;
    }

    public List<Ref> references() {
        List<Ref> refs = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Path path) {
                refs.add(path.ref());
            } else if (p instanceof Secret s) {
                refs.add(new Ref(Ref.Kind.SECRET, s.name(), List.of()));
            }
        }
        return refs;
    }

    public boolean usesSecrets() {
        return parts.stream().anyMatch(p -> p instanceof Secret);
    }

    /**
     * @throws IllegalArgumentException with a message for the builder: an unclosed {@code {{}, an
     *                                  empty reference, a malformed path, and where it is
     */
    public static Template parse(String text) {
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("{{", at);
            if (open < 0) {
                parts.add(new Text(text.substring(at)));
                break;
            }
            if (open > at) {
                parts.add(new Text(text.substring(at, open)));
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("A {{ at character " + (open + 1) + " is never closed with }}");
            }
            String inner = text.substring(open + 2, close).strip();
            parts.add(reference(inner, open + 1));
            at = close + 2;
        }
        return new Template(parts);
    }

    private static Part reference(String inner, int position) {
        if (inner.isEmpty()) {
            throw new IllegalArgumentException("An empty {{}} at character " + position + ": write a name inside, like {{input}}");
        }
        if (inner.startsWith("secret:")) {
            String name = inner.substring("secret:".length()).strip();
            if (!SECRET.matcher(name).matches()) {
                throw new IllegalArgumentException("{{" + inner + "}} at character " + position
                        + " does not name a credential (letters, digits, _ . -)");
            }
            return new Secret(name);
        }
        List<String> segments = new ArrayList<>();
        int i = 0;
        while (i < inner.length()) {
            char c = inner.charAt(i);
            if (c == '[') {
                int end = inner.indexOf(']', i);
                String index = end < 0 ? "" : inner.substring(i + 1, end).strip();
                if (segments.isEmpty() || !index.matches("\\d{1,6}")) {
                    throw bad(inner, position, "a [index] must be a number after a name, like items[0]");
                }
                segments.add(index);
                i = end + 1;
            } else if (c == '.') {
                if (segments.isEmpty() || i + 1 >= inner.length()) {
                    throw bad(inner, position, "a dot must join two names");
                }
                i++;
                int end = i;
                while (end < inner.length() && inner.charAt(end) != '.' && inner.charAt(end) != '[') {
                    end++;
                }
                String segment = inner.substring(i, end).strip();
                if (!NAME.matcher(segment).matches() && !segment.matches("\\d{1,6}")) {
                    throw bad(inner, position, "'" + segment + "' is not a name");
                }
                segments.add(segment);
                i = end;
            } else {
                if (!segments.isEmpty()) {
                    throw bad(inner, position, "names are joined by dots");
                }
                int end = i;
                while (end < inner.length() && inner.charAt(end) != '.' && inner.charAt(end) != '[') {
                    end++;
                }
                String segment = inner.substring(i, end).strip();
                if (!NAME.matcher(segment).matches()) {
                    throw bad(inner, position, "'" + segment + "' is not a name (letters, digits and _)");
                }
                segments.add(segment);
                i = end;
            }
        }
        return new Path(segments);
    }

    private static IllegalArgumentException bad(String inner, int position, String why) {
        return new IllegalArgumentException("{{" + inner + "}} at character " + position + " is not a valid reference: " + why);
    }
}

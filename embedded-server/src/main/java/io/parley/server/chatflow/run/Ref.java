package io.parley.server.chatflow.run;

import java.util.List;

/**
 * A reference a template or condition makes: {@code input}; a scope ({@code user}, {@code vars},
 * {@code context}, {@code local}, {@code temp}) with a path; a node's output or a flow variable
 * by bare name ({@code NAME}: {@code llm1.intent} or {@code user_name}); or a secret by name.
 */
public record Ref(Kind kind, String head, List<String> path) {

    public enum Kind { INPUT, SCOPE, NAME, SECRET }
}

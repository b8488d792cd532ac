package io.parley.server.chatflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.chatflow.node.NodeFailure;

import java.util.Optional;
import java.util.function.Function;

/**
 * Templates and conditions as the executor uses them, over one run's state. Failures are node
 * failures with a message for the builder.
 */
public interface Expressions {

    /** {@code secrets} null: {@code {{secret:…}}} is refused; else it looks a credential's value up by name. */
    String render(String template, ObjectNode state, Function<String, Optional<String>> secrets) throws NodeFailure;

    JsonNode value(String template, ObjectNode state) throws NodeFailure;

    JsonNode renderJson(JsonNode tree, ObjectNode state, Function<String, Optional<String>> secrets) throws NodeFailure;

    /** The same rendering with secrets shown as {@code [secret:name]}, for the execution log. */
    String redacted(String template, ObjectNode state);

    boolean test(JsonNode condition, ObjectNode state) throws NodeFailure;
}

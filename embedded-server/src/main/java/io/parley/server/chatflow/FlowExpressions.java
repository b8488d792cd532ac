package io.parley.server.chatflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.chatflow.node.NodeFailure;
import io.parley.server.chatflow.run.Expressions;
import io.parley.server.chatflow.run.Ref;
import io.parley.server.chatflow.run.ReferenceReader;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** PLACEHOLDER until the template library lands. */
public final class FlowExpressions implements Expressions, ReferenceReader {

    @Override
    public String render(String template, ObjectNode state, Function<String, Optional<String>> secrets) throws NodeFailure {
        throw new UnsupportedOperationException();
    }

    @Override
    public JsonNode value(String template, ObjectNode state) throws NodeFailure {
        throw new UnsupportedOperationException();
    }

    @Override
    public JsonNode renderJson(JsonNode tree, ObjectNode state, Function<String, Optional<String>> secrets) throws NodeFailure {
        throw new UnsupportedOperationException();
    }

    @Override
    public String redacted(String template, ObjectNode state) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean test(JsonNode condition, ObjectNode state) throws NodeFailure {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Ref> template(String template, boolean secretsAllowed) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Ref> condition(JsonNode condition, Set<String> nodeIds, Set<String> variables) {
        throw new UnsupportedOperationException();
    }
}

package io.parley.server.chatflow.run;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** Reads what templates and conditions refer to, for validation; syntax errors are exceptions with a message. */
public interface ReferenceReader {

    List<Ref> template(String template, boolean secretsAllowed) throws IllegalArgumentException;

    List<Ref> condition(JsonNode condition, java.util.Set<String> nodeIds, java.util.Set<String> variables)
            throws IllegalArgumentException;
}

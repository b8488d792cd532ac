package io.parley.server.chatflow.node;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a node type reports what is wrong with a node's configuration at {@code validate}; each
 * finding names the field ({@code data.url}). Templates and conditions given here are parsed, and
 * the variables, nodes and credentials they use are checked against the flow.
 */
public interface NodeChecks {

    void error(String field, String message);

    void warning(String field, String message);

    /** Checks a template field (syntax, references); secrets only where {@code secretsAllowed}. */
    void template(String field, String template, boolean secretsAllowed);

    /** Checks a JSON tree whose strings are templates. */
    void templates(String field, JsonNode tree, boolean secretsAllowed);

    /** Checks a condition (CEL or JSON rule). */
    void condition(String field, JsonNode condition);

    /** Whether a knowledge base with this id exists in the flow's workspace. */
    boolean knowledgeBaseExists(String kbId);

    /** Whether a credential with this id exists in the flow's workspace. */
    boolean credentialExists(String credentialId);

    /** Whether a deployed chatflow with this id exists in the flow's workspace. */
    boolean chatflowExists(String chatflowId);

    /** Declares a variable the node writes ({@code vars.name}), so later references to it are known. */
    void writes(String variable);
}

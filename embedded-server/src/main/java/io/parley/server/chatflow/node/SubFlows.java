package io.parley.server.chatflow.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.chatflow.graph.FlowDocument;

import java.util.Optional;

/** Finds the deployed chatflows a sub-flow node may call (same workspace). */
public interface SubFlows {

    /** What a called flow produced: its answer text and its variables at the end. */
    record Result(String response, ObjectNode variables) {
    }

    Optional<FlowDocument> find(String workspaceId, String flowId);
}

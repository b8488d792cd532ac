package io.parley.server.chatflow.run;

import io.parley.server.chatflow.node.InputRequest;
import io.parley.server.chatflow.node.Outbound;

import java.util.List;
import java.util.Map;

/**
 * What one turn of a flow produced: the messages in order, the answer as one text (for clients
 * that show only text), the question the flow now waits on, the citations, the execution log,
 * and the state to keep. {@code errorCode} is set when the turn ended with the fallback message.
 */
public record TurnOutcome(String response, List<Outbound> messages, InputRequest input,
                          List<Map<String, Object>> sources, List<LogEntry> log, long executionTimeMs, RunState next,
                          String status, String errorCode, String error) {

    public boolean failed() {
        return errorCode != null;
    }
}

package io.parley.server.chatbot;

/**
 * What a streamed answer reports as it goes. A method that throws (the client went away) stops the
 * answer; what was produced so far is saved with the error code {@code client_disconnected}.
 */
public interface ChatEvents {

    /** Before any text: the session and the id the answer will be saved under. */
    void started(String sessionId, String messageId);

    void delta(String text);

    /** A chatflow's node starts (reported by test runs; a failure here does not stop the turn). */
    default void step(String nodeId, String type) {
    }
}

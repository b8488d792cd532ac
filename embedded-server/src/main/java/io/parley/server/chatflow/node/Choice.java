package io.parley.server.chatflow.node;

/** A button the visitor can press instead of typing: the label shown and the value sent back. */
public record Choice(String label, String value) {
}

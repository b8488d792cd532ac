package io.parley.studio.chatflow;

/**
 * A value a setting can insert, as the variable picker lists it: {@code token} is what goes in
 * the text ({@code {{vars.age}}}), {@code label} what the builder reads ("age — a variable").
 */
public record Reference(String token, String label, String group) {
}

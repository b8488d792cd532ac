package io.parley.studio.runtime;

/**
 * Why the server is not available, said twice: a few words for the status bar, and the full
 * explanation with what to do about it.
 */
public record StartupProblem(String summary, String explanation) {
}

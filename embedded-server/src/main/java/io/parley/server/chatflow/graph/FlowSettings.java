package io.parley.server.chatflow.graph;

/**
 * A flow's run limits and its answer when a node fails without an error edge. The seed's business
 * rules bound them: a turn runs at most {@code maxSteps} nodes within {@code timeoutSeconds}; a
 * loop repeats at most {@code maxIterations} times.
 */
public record FlowSettings(int maxSteps, int timeoutSeconds, int maxIterations, String fallbackMessage) {

    public static final int DEFAULT_MAX_STEPS = 200;
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_MAX_ITERATIONS = 50;
    public static final String DEFAULT_FALLBACK = "Sorry, something went wrong on my side. Please try again in a moment.";

    public static final FlowSettings DEFAULTS = new FlowSettings(DEFAULT_MAX_STEPS, DEFAULT_TIMEOUT_SECONDS,
            DEFAULT_MAX_ITERATIONS, DEFAULT_FALLBACK);
}

package io.parley.studio.chatbot;

import io.parley.studio.api.ParleyApiException;

/** The sentence a builder sees when something failed: the server's own message where there is one. */
public final class Problems {

    private Problems() {
    }

    public static String describe(Throwable failure) {
        if (failure instanceof ParleyApiException api) {
            return api.getMessage();
        }
        String message = failure.getMessage();
        return "Something went wrong: " + (message == null ? failure.getClass().getSimpleName() : message);
    }
}

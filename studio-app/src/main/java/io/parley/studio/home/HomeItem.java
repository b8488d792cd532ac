package io.parley.studio.home;

/** One row of a home-screen list: a knowledge base, chatbot or chatflow, with a short status line. */
public record HomeItem(String id, String name, String detail) {
}

package io.parley.studio.home;

/**
 * One row of a home-screen list: a knowledge base, chatbot or chatflow, or an unfinished draft
 * of one, with a short status line.
 */
public record HomeItem(String id, String name, String detail, boolean draft) {

    public HomeItem(String id, String name, String detail) {
        this(id, name, detail, false);
    }
}

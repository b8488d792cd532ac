package io.parley.studio.chatflow;

/** Something of the workspace a setting points to by id, shown by name (a knowledge base, a key, a flow). */
public record Named(String id, String name) {

    @Override
    public String toString() {
        return name;
    }
}

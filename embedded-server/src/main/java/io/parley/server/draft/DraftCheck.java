package io.parley.server.draft;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A feature's check of what a save puts in its drafts, so a value that could never be deployed is
 * refused with a 400 naming its field when it is saved, not discovered at deploy. It throws a
 * {@link io.parley.server.common.ParleyException}; it must not change either document.
 */
@FunctionalInterface
public interface DraftCheck {

    /** Accepts every save. */
    DraftCheck NONE = (changes, document) -> { };

    /**
     * @param changes  the fields the save sends (on create, the whole document)
     * @param document the whole document as it will be stored
     */
    void check(ObjectNode changes, ObjectNode document);
}

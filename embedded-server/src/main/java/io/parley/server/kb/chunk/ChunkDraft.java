package io.parley.server.kb.chunk;

import java.util.List;

/**
 * One chunk of a document, ready to be stored (and, when {@link #searchable()}, embedded).
 *
 * <p>{@code [startOffset, endOffset)} is the chunk's source range in {@code ParsedDocument.text()}.
 * For prose chunks {@code text} is exactly that substring, except that the HEADINGS strategy puts
 * the heading path line before it. Table chunks show the header again before their rows, so
 * their range covers the rows only.
 *
 * @param position       0-based, unique and in document order within the document; parents come
 *                       just before their children
 * @param role           whether it is searched, a parent passage, or a child of one
 * @param tokenCount     tokens of {@code text} as the counter sees them; never above the size it was cut to
 * @param page           1-based page where the chunk starts, for paged formats; else null
 * @param headingPath    the headings the chunk sits under, outermost first; empty when none
 * @param parentPosition for {@link Role#CHILD}: the position of its parent; else null
 * @param table          whether the chunk holds table rows
 */
public record ChunkDraft(int position, Role role, String text, int tokenCount, Integer page,
                         List<String> headingPath, int startOffset, int endOffset, Integer parentPosition,
                         boolean table) {

    public enum Role {
        /** An ordinary chunk: embedded, searched and given to the answer. */
        CHUNK,
        /** A parent passage: stored, not embedded; given to the answer when one of its children matches. */
        PARENT,
        /** A child of a parent: embedded and searched; the answer receives its parent instead. */
        CHILD
    }

    public ChunkDraft {
        headingPath = List.copyOf(headingPath);
        if ((role == Role.CHILD) != (parentPosition != null)) {
            throw new IllegalArgumentException("children, and only children, have a parent position");
        }
    }

    /** Whether this chunk is embedded and searched (parents are not). */
    public boolean searchable() {
        return role != Role.PARENT;
    }
}

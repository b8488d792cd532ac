package io.parley.studio.kb;

/** Where the knowledge-base screens can send the builder next; the shell implements it. */
public interface KbNavigation {

    void showKnowledgeBases();

    void openKnowledgeBase(String kbId);
}

package io.parley.studio.chatflow;

/** Where the chatflow screens can go next; {@link ChatflowScreens} implements it. */
public interface ChatflowNavigation {

    void showChatflows();

    void openChatflow(String chatflowId);

    /** Opens the builder on a draft of the live flow; deploying it replaces the live one. */
    void editChatflow(String chatflowId);
}

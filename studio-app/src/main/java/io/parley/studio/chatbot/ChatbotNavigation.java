package io.parley.studio.chatbot;

/** Where the chatbot screens can send the builder next; {@link ChatbotScreens} implements it. */
public interface ChatbotNavigation {

    void showChatbots();

    void openChatbot(String chatbotId);

    /** Opens the builder on a draft of the live chatbot; deploying it replaces the live one. */
    void editChatbot(String chatbotId);

    /**
     * Where the live preview keeps its browser storage (the widget's conversation), so each data
     * folder has its own; empty: the WebView's default.
     */
    default java.util.Optional<java.nio.file.Path> previewStorage() {
        return java.util.Optional.empty();
    }
}

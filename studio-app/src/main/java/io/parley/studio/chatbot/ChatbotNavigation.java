package io.parley.studio.chatbot;

/** Where the chatbot screens can send the builder next; {@link ChatbotScreens} implements it. */
public interface ChatbotNavigation {

    void showChatbots();

    void openChatbot(String chatbotId);

    /** Opens the builder on a draft of the live chatbot; deploying it replaces the live one. */
    void editChatbot(String chatbotId);
}

package io.parley.studio.home;

/**
 * The three kinds of things a builder makes in a workspace, in sidebar order, with the words the
 * home screen uses for each. The copy is written for someone who has never built an assistant.
 */
public enum HomeSection {

    KNOWLEDGE_BASES(
            "Knowledge bases",
            "Documents your assistants can search and quote.",
            "No knowledge bases yet",
            "A knowledge base holds the documents your assistants answer from: manuals, FAQs, policies, "
                    + "product sheets. Add your files once, and every chatbot in this workspace can look things up "
                    + "in them instead of guessing.",
            "New knowledge base"),
    CHATBOTS(
            "Chatbots",
            "Assistants people can talk to.",
            "No chatbots yet",
            "A chatbot is an assistant with a name, a personality and instructions. Connect it to a "
                    + "knowledge base so it answers from your own documents, then try it out right here before "
                    + "you share it.",
            "New chatbot"),
    CHATFLOWS(
            "Chatflows",
            "Conversations designed step by step.",
            "No chatflows yet",
            "A chatflow lays out a conversation on a canvas: ask a question, look something up, branch on "
                    + "the answer, hand over to a person. Use one when a single chatbot is not enough.",
            "New chatflow");

    private final String title;
    private final String subtitle;
    private final String emptyTitle;
    private final String emptyDescription;
    private final String createLabel;

    HomeSection(String title, String subtitle, String emptyTitle, String emptyDescription, String createLabel) {
        this.title = title;
        this.subtitle = subtitle;
        this.emptyTitle = emptyTitle;
        this.emptyDescription = emptyDescription;
        this.createLabel = createLabel;
    }

    public String title() {
        return title;
    }

    public String subtitle() {
        return subtitle;
    }

    public String emptyTitle() {
        return emptyTitle;
    }

    public String emptyDescription() {
        return emptyDescription;
    }

    public String createLabel() {
        return createLabel;
    }

    /** A stable, CSS-friendly id such as {@code knowledge-bases}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

package io.parley.studio.chatflow;

import io.parley.canvas.model.Port;
import io.parley.studio.chatflow.Field.Type;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parley's node types as the builder meets them: a name in plain words, what it is for, an icon,
 * its palette group, its exits (ports), the settings a new one starts with, a one-line summary
 * for its card and its inspector form. The wire names are the server's ({@code docs/api/chatflows.md}).
 */
public enum NodeKind {

    TRIGGER("trigger", "Start", Group.CONVERSATION, "Where every conversation begins.",
            "M8 5L19 12L8 19Z"),
    MESSAGE("message", "Send a message", Group.CONVERSATION, "Says something to the visitor.",
            "M4 5H20V16H10L6 20V16H4Z"),
    QUESTION("question", "Ask a question", Group.CONVERSATION,
            "Asks the visitor something, waits for the answer and keeps it in a variable.",
            "M4 5H20V16H10L6 20V16H4Z M10 9.2A2 2 0 1 1 12 11V12.3 M12 14.2V14.4"),
    LLM("llm", "AI answer", Group.AI, "Asks the AI model, with a prompt you write.",
            "M12 3L13.8 9.2L20 11L13.8 12.8L12 19L10.2 12.8L4 11L10.2 9.2Z"),
    LLM_ROUTER("llm_router", "AI router", Group.AI, "Lets the AI choose which way the conversation goes.",
            "M4 12H10 M10 12L19 5 M10 12L19 19 M15.5 5H19V8.5 M15.5 19H19V15.5"),
    EXTRACT("extract", "Pick out details", Group.AI,
            "Finds details such as a name or an order number in what the visitor wrote.",
            "M4 6H14 M4 11H10 M4 16H8 M12 15A3 3 0 1 0 18 15A3 3 0 1 0 12 15 M17.2 17.2L20 20"),
    KNOWLEDGE_BASE("knowledge_base", "Search knowledge", Group.DATA, "Looks things up in a knowledge base.",
            "M3 5.5C5.5 4.5 9 4.5 12 6.5C15 4.5 18.5 4.5 21 5.5V19C18.5 18 15 18 12 20C9 18 5.5 18 3 19Z M12 6.5V20"),
    CONDITION("condition", "Condition", Group.LOGIC, "Goes one way or another depending on what is known.",
            "M12 3L21 12L12 21L3 12Z"),
    VARIABLE("variable", "Set variable", Group.LOGIC, "Remembers a value, adds to a list or counts.",
            "M8 4C5 4 6 9 4 12C6 15 5 20 8 20 M16 4C19 4 18 9 20 12C18 15 19 20 16 20 M10 9L14 15 M14 9L10 15"),
    LOOP("loop", "Repeat for each", Group.LOGIC, "Runs the steps after it once for every item of a list.",
            "M20 12A8 8 0 1 1 17.7 6.3 M20 4V8H16"),
    HTTP("http", "Call a web service", Group.DATA, "Sends a request to another system and reads its answer.",
            "M3 12A9 9 0 1 0 21 12A9 9 0 1 0 3 12 M3 12H21 M12 3C15 6 15 18 12 21 M12 3C9 6 9 18 12 21"),
    CODE("code", "Run code", Group.DATA, "Runs a short JavaScript function on the conversation's values.",
            "M8 7L3 12L8 17 M16 7L21 12L16 17 M14 4L10 20"),
    MEMORY("memory", "Memory", Group.DATA, "Recalls the conversation so far, or saves a note about it.",
            "M4 12A8 8 0 1 0 6.3 6.3 M4 4V8H8 M12 8V12L15 14"),
    SUB_FLOW("sub_flow", "Run another flow", Group.PEOPLE, "Runs a deployed chatflow as one step of this one.",
            "M3 3.5H9V8.5H3Z M15 9.5H21V14.5H15Z M3 15.5H9V20.5H3Z M9 6H12V18H9 M12 12H15"),
    HANDOFF("handoff", "Hand over to a person", Group.PEOPLE, "Opens a ticket so a person takes over.",
            "M12 4A3.5 3.5 0 1 0 12 11A3.5 3.5 0 1 0 12 4 M5 20C5 15.5 8 13.5 12 13.5C16 13.5 19 15.5 19 20"),
    RESPONSE("response", "Reply and finish", Group.CONVERSATION, "Sends the final answer of this turn.",
            "M4 12L20 4L14 20L11 13Z M11 13L20 4");

    /** Palette groups, in palette order. */
    public enum Group {
        CONVERSATION("Conversation"), AI("AI"), LOGIC("Logic"), DATA("Data and services"), PEOPLE("People and flows");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** Every port is of this type: any exit may lead to any step. */
    static final String FLOW = "flow";
    static final Port IN = Port.in("in", FLOW);

    private final String type;
    private final String title;
    private final Group group;
    private final String description;
    private final String icon;

    NodeKind(String type, String title, Group group, String description, String icon) {
        this.type = type;
        this.title = title;
        this.group = group;
        this.description = description;
        this.icon = icon;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Group group() {
        return group;
    }

    public String description() {
        return description;
    }

    /** SVG path data on a 24×24 grid. */
    public String icon() {
        return icon;
    }

    /** A prefix for new node ids: {@code question1}, {@code llm2}. */
    public String idPrefix() {
        return switch (this) {
            case TRIGGER -> "start";
            case KNOWLEDGE_BASE -> "search";
            case LLM_ROUTER -> "router";
            case SUB_FLOW -> "subflow";
            default -> type;
        };
    }

    public static Optional<NodeKind> of(String type) {
        for (NodeKind k : values()) {
            if (k.type.equals(type)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    // ---- ports

    public List<Port> inputs() {
        return this == TRIGGER ? List.of() : List.of(IN);
    }

    /** The exits of a node of this kind with these settings, besides an error exit it may have. */
    public List<Port> outputs(Map<String, Object> data) {
        List<Port> out = new ArrayList<>();
        switch (this) {
            case RESPONSE -> { }
            case CONDITION -> {
                if (singleCondition(data)) {
                    out.add(Port.out("true", FLOW, "True"));
                    out.add(Port.out("false", FLOW, "False"));
                } else {
                    branches(data, out, "label");
                }
            }
            case LLM_ROUTER -> branches(data, out, "description");
            case LOOP -> {
                out.add(Port.out("body", FLOW, "Each item"));
                out.add(Port.out("done", FLOW, "Done"));
            }
            case QUESTION -> out.add(Port.out("default", FLOW, "Answered"));
            default -> out.add(Port.out("default", FLOW, ""));
        }
        if (failsVisibly()) {
            out.add(Port.out("error", FLOW, "If it fails"));
        }
        return out;
    }

    private static void branches(Map<String, Object> data, List<Port> out, String labelKey) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Map<String, Object> b : Data.rows(data, "branches")) {
            String id = Data.text(b, "id").orElse("");
            if (!id.isBlank() && !id.equals("else") && seen.add(id)) {
                String label = Data.text(b, labelKey).filter(s -> !s.isBlank()).orElse(id);
                out.add(Port.out(id, FLOW, shorten(label, 22)));
            }
        }
        out.add(Port.out("else", FLOW, "Otherwise"));
    }

    /** Kinds whose failures are part of normal use (an invalid answer, a service down): they show an error exit. */
    private boolean failsVisibly() {
        return switch (this) {
            case QUESTION, LLM, EXTRACT, HTTP, CODE, KNOWLEDGE_BASE, SUB_FLOW, LLM_ROUTER -> true;
            default -> false;
        };
    }

    // ---- settings

    /** The settings a node of this kind starts with. */
    public Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        switch (this) {
            case TRIGGER -> d.put("trigger_type", "chat_message");
            case MESSAGE -> d.put("message", "");
            case QUESTION -> {
                d.put("question", "");
                d.put("input_type", "text");
                d.put("variable", "");
            }
            case LLM -> d.put("prompt", "{{input}}");
            case LLM_ROUTER -> {
                d.put("input", "{{input}}");
                d.put("branches", List.of(Map.of("id", "sales", "description", "The visitor wants to buy something")));
            }
            case EXTRACT -> d.put("parameters", List.of(Map.of("name", "email", "type", "email",
                    "description", "The visitor's email address", "required", true)));
            case KNOWLEDGE_BASE -> {
                d.put("kb_id", "");
                d.put("query", "{{input}}");
                d.put("top_k", 5);
            }
            case CONDITION -> d.put("branches", List.of(Map.of("id", "yes", "label", "Yes", "when", "")));
            case VARIABLE -> d.put("operations", List.of(Map.of("action", "set", "variable", "", "value", "")));
            case LOOP -> {
                d.put("items", "");
                d.put("max_iterations", 10);
            }
            case HTTP -> {
                d.put("method", "GET");
                d.put("url", "https://");
                d.put("timeout_seconds", 10);
            }
            case CODE -> d.put("code", "return { greeting: 'Hello ' + (inputs.name || 'there') };");
            case MEMORY -> {
                d.put("action", "load");
                d.put("limit", 10);
            }
            case SUB_FLOW -> d.put("flow_id", "");
            case HANDOFF -> {
                d.put("reason", "");
                d.put("priority", "normal");
                d.put("message", "I'm passing you to a colleague, who will get back to you here.");
            }
            case RESPONSE -> d.put("message", "");
        }
        return d;
    }

    /**
     * The form for one node of this kind. A condition shows either its branches or, written the
     * seed's way (one {@code condition} going to True or False), that condition alone.
     */
    public List<Field> fields(Map<String, Object> data) {
        if (this != CONDITION) {
            return fields();
        }
        boolean single = singleCondition(data);
        return fields().stream().filter(f -> f.key().equals("condition") == single).toList();
    }

    /** A condition written the seed's way: one test going to True or False, no branches. */
    static boolean singleCondition(Map<String, Object> data) {
        return data.get("condition") != null && !(data.get("branches") instanceof List<?>);
    }

    /** Every setting of this kind. */
    public List<Field> fields() {
        return switch (this) {
            case TRIGGER -> List.of();
            case MESSAGE -> List.of(Field.of("message", "Message", Type.AREA,
                    "What the visitor reads. Insert values with {x}: their name, an answer, a search result."),
                    Field.of("messages", "Then send", Type.MESSAGES, "Pictures, more texts or buttons, in this order."));
            case QUESTION -> List.of(
                    Field.of("question", "Question", Type.AREA, "What the visitor is asked."),
                    Field.choice("input_type", "Expected answer", "", "text", "Any text", "email", "An email address",
                            "number", "A number", "choice", "One of some choices (buttons)"),
                    Field.rows("choices", "Choices", "Only for “One of some choices”: the buttons the visitor sees.",
                            Field.of("label", "Button", Type.TEXT, ""), Field.of("value", "Value kept", Type.TEXT, "")),
                    Field.of("variable", "Keep the answer in", Type.VARIABLE, "A variable other steps can use."),
                    Field.of("validation.required", "An answer is required", Type.TOGGLE, ""),
                    Field.of("validation.error_message", "When the answer does not fit, say", Type.TEXT, ""),
                    Field.of("retries", "Times to ask again", Type.INTEGER,
                            "After that the flow takes the “If it fails” exit."));
            case LLM -> List.of(
                    Field.of("prompt", "Prompt", Type.AREA, "What the AI model is asked. {{input}} is the visitor's message."),
                    Field.of("system", "Instructions (optional)", Type.AREA, "How the model should behave."),
                    Field.of("json_output", "Answer as JSON", Type.TOGGLE,
                            "Its fields can then be used by other steps, like {{llm1.intent}}."),
                    new Field("json_schema", "Fields of the answer", Type.ANSWER_FIELDS,
                            "With “Answer as JSON”: what the model must give. Other steps pick them from {x}.",
                            List.of(), List.of(Field.of("name", "Name, like intent", Type.TEXT, ""),
                                    new Field("type", "Kind", Type.CHOICE, "", List.of(
                                            new Field.Option("string", "Text"), new Field.Option("number", "Number"),
                                            new Field.Option("boolean", "Yes or no")), List.of()),
                                    Field.of("one_of", "Only one of (commas)", Type.TEXT, ""))),
                    Field.of("output_variable", "Also keep the answer in", Type.VARIABLE, ""),
                    Field.of("model", "Model (optional)", Type.TEXT, "Empty: the workspace's model."),
                    Field.of("temperature", "Creativity (0 to 2)", Type.DECIMAL, ""),
                    Field.of("max_tokens", "Longest answer (tokens)", Type.INTEGER, ""));
            case LLM_ROUTER -> List.of(
                    Field.of("input", "What to route", Type.TEXT, ""),
                    Field.rows("branches", "Ways to go", "The AI picks the one whose description fits best.",
                            Field.of("id", "Name", Type.TEXT, ""), Field.of("description", "When", Type.TEXT, "")),
                    Field.of("instructions", "Extra instructions", Type.AREA, ""));
            case EXTRACT -> List.of(
                    Field.rows("parameters", "Details to find", "",
                            Field.of("name", "Name", Type.TEXT, ""),
                            new Field("type", "Kind", Type.CHOICE, "", List.of(new Field.Option("string", "Text"),
                                    new Field.Option("number", "Number"), new Field.Option("boolean", "Yes/no"),
                                    new Field.Option("email", "Email")), List.of()),
                            Field.of("description", "Description", Type.TEXT, ""),
                            Field.of("required", "Required", Type.TOGGLE, "")),
                    Field.of("ask", "When something is missing, ask", Type.AREA, ""),
                    Field.of("retries", "Times to ask again", Type.INTEGER, ""));
            case KNOWLEDGE_BASE -> List.of(
                    Field.of("kb_id", "Knowledge base", Type.KNOWLEDGE_BASE, ""),
                    Field.of("query", "Search for", Type.TEXT, "Usually {{input}}, the visitor's message."),
                    Field.of("top_k", "Passages to find (1 to 20)", Type.INTEGER, ""),
                    Field.choice("method", "How to search", "", "hybrid", "Meaning and words (best)",
                            "vector", "Meaning only", "keyword", "Words only"));
            case CONDITION -> List.of(Field.rows("branches", "Branches",
                    "Tried from the top; the first whose tests hold is taken, else “Otherwise”.",
                    Field.of("label", "Name", Type.TEXT, ""), Field.of("when", "When", Type.RULE, "")),
                    Field.of("condition", "Condition", Type.RULE,
                            "Goes to “True” when the tests hold, else to “False”."));
            case VARIABLE -> List.of(Field.rows("operations", "Changes", "",
                    new Field("action", "Do", Type.CHOICE, "", List.of(new Field.Option("set", "Set"),
                            new Field.Option("append", "Add to list"), new Field.Option("increment", "Add 1"),
                            new Field.Option("clear", "Clear")), List.of()),
                    Field.of("variable", "Variable", Type.VARIABLE, ""),
                    Field.of("value", "Value", Type.TEXT, "")));
            case LOOP -> List.of(
                    Field.of("items", "List to go through", Type.TEXT, "For example {{search1.results}}."),
                    Field.of("max_iterations", "At most (times)", Type.INTEGER, ""));
            case HTTP -> List.of(
                    Field.choice("method", "Method", "", "GET", "GET (read)", "POST", "POST (send)", "PUT", "PUT",
                            "PATCH", "PATCH", "DELETE", "DELETE"),
                    Field.of("url", "Address", Type.TEXT, ""),
                    Field.pairs("headers", "Headers", "", "Header", "Value"),
                    Field.of("body", "Body", Type.AREA, "Usually JSON."),
                    Field.of("credential_id", "Saved key", Type.CREDENTIAL, "Sent as the authentication below."),
                    Field.choice("auth", "Send the key as", "", "bearer", "Bearer token", "basic", "Basic",
                            "header", "A header"),
                    Field.pairs("response_mapping", "Keep from the answer", "Example: order_status → $.status",
                            "Name", "JSONPath"),
                    Field.of("timeout_seconds", "Give up after (seconds)", Type.INTEGER, ""),
                    Field.of("retries", "Retries", Type.INTEGER, ""),
                    Field.of("fallback_response", "If it fails, say", Type.AREA, ""));
            case CODE -> List.of(
                    Field.pairs("inputs", "Inputs", "Values the code reads as inputs.name.", "Name", "Value"),
                    Field.of("code", "JavaScript (a function body that returns a value)", Type.CODE, ""),
                    Field.of("timeout_ms", "Time limit (ms)", Type.INTEGER, ""));
            case MEMORY -> List.of(
                    Field.choice("action", "Do", "", "load", "Recall recent messages", "save", "Save a note"),
                    Field.of("limit", "Messages to recall", Type.INTEGER, ""),
                    Field.of("value", "Note to save", Type.TEXT, ""));
            case SUB_FLOW -> List.of(
                    Field.of("flow_id", "Chatflow", Type.CHATFLOW, "A deployed chatflow of this workspace."),
                    Field.pairs("inputs", "Give it", "", "Its variable", "Value"),
                    Field.pairs("outputs", "Take back", "Example: vars.total ← total", "Into", "Its variable"));
            case HANDOFF -> List.of(
                    Field.of("reason", "Reason", Type.TEXT, ""),
                    Field.choice("priority", "Priority", "", "low", "Low", "normal", "Normal", "high", "High"),
                    Field.of("message", "Tell the visitor", Type.AREA, ""));
            case RESPONSE -> List.of(Field.of("message", "Reply", Type.AREA,
                    "The answer the visitor gets. Insert values with {x}."));
        };
    }

    // ---- the card

    /** One or two short lines about the node's settings, or what it still needs. */
    public String summary(Map<String, Object> data) {
        String s = switch (this) {
            case TRIGGER -> "When a visitor writes";
            case RESPONSE -> Data.text(data, "message").map(m -> "“" + m + "”").orElse("");
            case MESSAGE -> {
                int more = Data.rows(data, "messages").size();
                String first = Data.text(data, "message").map(m -> "“" + m + "”").orElse("");
                yield more == 0 ? first : first.isEmpty() ? more + (more == 1 ? " message" : " messages")
                        : first + " + " + more + " more";
            }
            case QUESTION -> Data.text(data, "question").map(q -> "Asks “" + q + "”"
                    + Data.text(data, "variable").map(v -> " → " + v).orElse("")).orElse("");
            case LLM -> Data.text(data, "prompt").orElse("");
            case LLM_ROUTER, CONDITION -> {
                List<String> names = Data.rows(data, "branches").stream()
                        .map(b -> Data.text(b, this == CONDITION ? "label" : "description")
                                .or(() -> Data.text(b, "id")).orElse("?")).toList();
                if (this == CONDITION && singleCondition(data)) {
                    Object single = data.get("condition");
                    yield ConditionRule.read(single).map(ConditionRule::describe).orElse(String.valueOf(single));
                }
                yield String.join(" · ", names) + (names.isEmpty() ? "" : " · otherwise");
            }
            case EXTRACT -> String.join(", ", Data.rows(data, "parameters").stream()
                    .map(p -> Data.text(p, "name").orElse("?")).toList());
            case KNOWLEDGE_BASE -> Data.text(data, "kb_id").map(kb -> "Searches " + Data.text(data, "query")
                    .orElse("{{input}}")).orElse("");
            case VARIABLE -> String.join(", ", Data.rows(data, "operations").stream()
                    .map(o -> Data.text(o, "action").orElse("set") + " " + Data.text(o, "variable").orElse("?"))
                    .toList());
            case LOOP -> Data.text(data, "items").map(i -> "For each of " + i).orElse("");
            case HTTP -> Data.text(data, "url").filter(u -> !u.equals("https://"))
                    .map(u -> Data.text(data, "method").orElse("GET") + " " + u).orElse("");
            case CODE -> "JavaScript";
            case MEMORY -> "save".equals(Data.text(data, "action").orElse("load")) ? "Saves a note" : "Recalls the conversation";
            case SUB_FLOW -> Data.text(data, "flow_id").map(f -> "Runs another flow").orElse("");
            case HANDOFF -> "Priority " + Data.text(data, "priority").orElse("normal")
                    + Data.text(data, "reason").map(r -> " · " + r).orElse("");
        };
        return s.isBlank() ? "Not set up yet" : shorten(s.replaceAll("\\s+", " ").strip(), 70);
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1).stripTrailing() + "…";
    }

    /** Lower-case type name for CSS: {@code kind-knowledge_base}. */
    public String cssClass() {
        return "kind-" + type.toLowerCase(Locale.ROOT);
    }
}

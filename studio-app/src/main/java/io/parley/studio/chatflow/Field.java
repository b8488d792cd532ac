package io.parley.studio.chatflow;

import java.util.List;

/**
 * One setting in a node's inspector form: where it lives in the node's {@code data} (a dotted
 * path such as {@code validation.required}), what the builder reads, and how it is edited.
 * Forms are data, so sixteen node types need one form builder, not sixteen screens.
 */
public record Field(String key, String label, Type type, String help, List<Option> options, List<Field> columns) {

    public enum Type {
        /** One line; may hold {@code {{…}}} references (the variable picker inserts them). */
        TEXT,
        /** Several lines, with references. */
        AREA,
        /** Program text, monospaced, no references. */
        CODE,
        INTEGER,
        DECIMAL,
        TOGGLE,
        /** One of {@link #options}. */
        CHOICE,
        /** The name of a flow variable (picked or typed). */
        VARIABLE,
        /** A knowledge base of the workspace, by name. */
        KNOWLEDGE_BASE,
        /** A saved key of the workspace, by name. */
        CREDENTIAL,
        /** A deployed chatflow, by name. */
        CHATFLOW,
        /** A list of rows, each edited with {@link #columns} (a JSON array of objects). */
        ROWS,
        /** Name → value pairs (a JSON object); the two {@link #columns} label them. */
        PAIRS,
        /** A condition: "what · how · value" tests ({@link ConditionRule}), or an expression. */
        RULE,
        /** Messages sent one after another: texts, pictures, buttons ({@link MessagesEditor}). */
        MESSAGES,
        /** The fields of an AI step's JSON answer, as rows; stored as a JSON Schema ({@link RowsCodec}). */
        ANSWER_FIELDS
    }

    public record Option(String value, String label) {
    }

    public Field {
        help = help == null ? "" : help;
        options = options == null ? List.of() : List.copyOf(options);
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    static Field of(String key, String label, Type type, String help) {
        return new Field(key, label, type, help, List.of(), List.of());
    }

    static Field choice(String key, String label, String help, String... valueLabelPairs) {
        List<Option> options = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < valueLabelPairs.length; i += 2) {
            options.add(new Option(valueLabelPairs[i], valueLabelPairs[i + 1]));
        }
        return new Field(key, label, Type.CHOICE, help, options, List.of());
    }

    static Field rows(String key, String label, String help, Field... columns) {
        return new Field(key, label, Type.ROWS, help, List.of(), List.of(columns));
    }

    static Field pairs(String key, String label, String help, String nameLabel, String valueLabel) {
        return new Field(key, label, Type.PAIRS, help, List.of(),
                List.of(of("name", nameLabel, Type.TEXT, ""), of("value", valueLabel, Type.TEXT, "")));
    }

    /** Whether the builder may insert {@code {{…}}} references here. */
    public boolean takesReferences() {
        return type == Type.TEXT || type == Type.AREA;
    }
}

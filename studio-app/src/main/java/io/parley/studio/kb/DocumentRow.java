package io.parley.studio.kb;

import io.parley.studio.api.KnowledgeBaseApi.Document;

import java.util.List;

/** A document of a knowledge base as its page lists it. */
public record DocumentRow(String id, String name, String kind, Status status, int chunkCount, String problem,
                          double importance, List<String> tags) {

    public enum Status {
        PENDING("Waiting"), PROCESSING("Processing…"), READY("Ready"), ERROR("Failed");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Status of(String server) {
            return switch (server == null ? "" : server) {
                case "ready" -> READY;
                case "error" -> ERROR;
                case "processing" -> PROCESSING;
                default -> PENDING;
            };
        }
    }

    static DocumentRow of(Document d) {
        String kind = switch (d.sourceType() == null ? "" : d.sourceType()) {
            case "url" -> "Web page";
            case "text" -> "Text";
            default -> "File";
        };
        String problem = d.errorMessage() == null ? "" : d.errorMessage();
        double importance = d.annotations() == null ? 1.0 : d.annotations().importance();
        List<String> tags = d.annotations() == null || d.annotations().tags() == null ? List.of()
                : d.annotations().tags();
        return new DocumentRow(d.id(), d.name(), kind, Status.of(d.status()), d.chunkCount(), problem, importance,
                tags);
    }

    /** For a progress bar: 0 waiting, -1 (indeterminate) while processing, 1 when done either way. */
    public double progress() {
        return switch (status) {
            case PENDING -> 0;
            case PROCESSING -> -1;
            case READY, ERROR -> 1;
        };
    }

    /** Lists failures first, then work in progress, then what is ready. */
    int attentionOrder() {
        return switch (status) {
            case ERROR -> 0;
            case PROCESSING -> 1;
            case PENDING -> 2;
            case READY -> 3;
        };
    }

    public boolean settled() {
        return status == Status.READY || status == Status.ERROR;
    }
}

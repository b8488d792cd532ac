package io.parley.server.chatbot;

import java.util.List;

/**
 * A retrieved passage as a citation: {@code n} is the number the answer's {@code [n]} markers use.
 * {@code text} is what the model reads (the parent passage for parent-child chunking).
 */
public record Passage(int n, String kbId, String chunkId, String documentId, String documentName, Integer page,
                      List<String> headingPath, double score, String snippet, String text) {

    /** The source as the API shows it (without the full text). */
    public java.util.Map<String, Object> toSource() {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("n", n);
        out.put("kb_id", kbId);
        out.put("document_id", documentId);
        out.put("document_name", documentName);
        out.put("chunk_id", chunkId);
        out.put("page", page);
        out.put("heading_path", headingPath == null ? List.of() : headingPath);
        out.put("snippet", snippet);
        out.put("score", Math.round(score * 1000) / 1000.0);
        return out;
    }
}

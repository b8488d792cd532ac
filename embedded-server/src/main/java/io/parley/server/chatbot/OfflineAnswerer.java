package io.parley.server.chatbot;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Answers without a model: quotes the sentences of the retrieved passages that share the most
 * words with the question, each with its citation. The answer's metadata says {@code mode:
 * "offline"} so nobody mistakes it for generated text.
 */
final class OfflineAnswerer {

    static final String NOTHING_FOUND = "I couldn't find anything about that in my knowledge base. "
            + "Try asking with other words, or about another topic it covers.";
    static final String NO_KNOWLEDGE = "I can only answer from a knowledge base, and none is connected yet.";
    private static final int MAX_SENTENCES = 3;
    private static final Set<String> STOPWORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "by", "can", "do",
            "does", "for", "from", "how", "i", "in", "is", "it", "me", "my", "of", "on", "or", "our", "the", "this",
            "to", "was", "what", "when", "where", "which", "who", "why", "will", "with", "you", "your", "about", "tell");

    private OfflineAnswerer() {
    }

    static String answer(String question, List<Passage> passages, boolean citations, boolean hasKnowledge) {
        if (passages.isEmpty()) {
            return hasKnowledge ? NOTHING_FOUND : NO_KNOWLEDGE;
        }
        Set<String> terms = terms(question);
        record Scored(Passage passage, int order, String sentence, double score) {
        }
        List<Scored> candidates = new ArrayList<>();
        int order = 0;
        for (Passage p : passages.subList(0, Math.min(3, passages.size()))) {
            for (String sentence : sentences(p.text())) {
                Set<String> words = terms(sentence);
                long shared = words.stream().filter(terms::contains).count();
                // rank of the passage breaks ties; very short fragments are poor answers
                double score = shared + (sentence.length() < 25 ? -1 : 0) - p.n() * 0.01;
                candidates.add(new Scored(p, order++, sentence, score));
            }
        }
        List<Scored> best = candidates.stream().sorted(Comparator.comparingDouble(Scored::score).reversed())
                .limit(MAX_SENTENCES).filter(s -> s.score() > 0).sorted(Comparator.comparingInt(Scored::order)).toList();
        if (best.isEmpty()) {
            best = candidates.stream().limit(2).toList();
        }
        StringBuilder out = new StringBuilder("Here is what I found:\n\n");
        for (Scored s : best) {
            out.append("- ").append(s.sentence().strip());
            if (citations) {
                out.append(" [").append(s.passage().n()).append(']');
            }
            out.append('\n');
        }
        return out.toString().strip();
    }

    /** Up to three questions about what the other passages cover. */
    static List<String> followUps(List<Passage> passages, String question) {
        Set<String> seen = new LinkedHashSet<>();
        String asked = question.toLowerCase(Locale.ROOT);
        for (Passage p : passages) {
            String topic = p.headingPath() != null && !p.headingPath().isEmpty()
                    ? p.headingPath().get(p.headingPath().size() - 1) : null;
            if (topic != null && !topic.isBlank() && topic.length() <= 80 && !asked.contains(topic.toLowerCase(Locale.ROOT))) {
                seen.add("Tell me more about " + topic.strip());
            }
            if (seen.size() == 3) {
                break;
            }
        }
        return List.copyOf(seen);
    }

    private static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String block : text.split("\\n\\s*\\n|\\n(?=\\s*[-*#|])")) {
            BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
            String line = block.replaceAll("\\s+", " ").strip();
            it.setText(line);
            int start = it.first();
            for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
                String s = line.substring(start, end).strip();
                if (!s.isEmpty() && s.length() <= 600) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static Set<String> terms(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 1 && !STOPWORDS.contains(w)) {
                out.add(w.length() > 4 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w);
            }
        }
        return out;
    }
}

package io.parley.server.kb.chunk;

import io.parley.server.kb.parse.DocumentParser;
import io.parley.server.kb.parse.ParsedDocument;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Generated documents for chunking tests; seeded, so every run sees the same text. */
final class Documents {

    private static final String[] WORDS = ("kettle toaster warranty shipping invoice customer refund parcel "
            + "delivery region price plan seat account label return window order warehouse blender mixer "
            + "receipt claim support ticket answer question install server network config").split(" ");
    private static final DocumentParser PARSER = new DocumentParser();

    private Documents() {
    }

    static ParsedDocument parse(String name, String text) {
        return PARSER.parse(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Markdown with nested sections, each with a few paragraphs of short sentences. */
    static String markdown(long seed, int sections) {
        Random random = new Random(seed);
        StringBuilder md = new StringBuilder("Preface sentence before any heading. ").append(sentence(random)).append("\n\n");
        for (int s = 1; s <= sections; s++) {
            md.append("# Part ").append(s).append("\n\n").append(paragraph(random, 3)).append("\n\n");
            for (int sub = 1; sub <= 2; sub++) {
                md.append("## Topic ").append(s).append('.').append(sub).append("\n\n");
                for (int p = 0; p < 1 + random.nextInt(4); p++) {
                    md.append(paragraph(random, 2 + random.nextInt(8))).append("\n\n");
                }
            }
        }
        return md.toString();
    }

    static String paragraph(Random random, int sentences) {
        StringBuilder paragraph = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            paragraph.append(i == 0 ? "" : " ").append(sentence(random));
        }
        return paragraph.toString();
    }

    static String sentence(Random random) {
        StringBuilder sentence = new StringBuilder();
        int words = 4 + random.nextInt(10);
        for (int i = 0; i < words; i++) {
            String word = WORDS[random.nextInt(WORDS.length)];
            sentence.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : " " + word);
        }
        return sentence.append(random.nextInt(5) == 0 ? ", see section " + random.nextInt(9) + "." : ".").toString();
    }
}

package io.parley.server.kb.chunk;

/**
 * A stand-in for the embedding model's tokenizer, word-piece-ish: every run of letters or digits
 * is one token and every other non-space character is one token ("it's 4.5%" → it ' s 4 . 5 %).
 */
final class SimpleTokenCounter implements TokenCounter {

    static final SimpleTokenCounter INSTANCE = new SimpleTokenCounter();

    @Override
    public int count(String text) {
        int tokens = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (!inWord) {
                    tokens++;
                    inWord = true;
                }
            } else {
                inWord = false;
                if (!Character.isWhitespace(c)) {
                    tokens++;
                }
            }
        }
        return tokens;
    }
}

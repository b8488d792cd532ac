package io.parley.server.kb.parse;

import io.parley.server.common.ParleyException;

import java.util.Map;

/**
 * A file (or web page) that cannot become a {@link ParsedDocument}. The message is meant for the
 * person who uploaded it: it names the file and says what to do, and never carries a parser's
 * stack trace or internals.
 */
public final class DocumentParseException extends RuntimeException {

    /** Why parsing failed; {@link #code()} is the stable string an API or a UI can switch on. */
    public enum Reason {
        UNSUPPORTED_TYPE("unsupported_type"),
        CORRUPT_FILE("corrupt_file"),
        ENCRYPTED_FILE("encrypted_file"),
        EMPTY_DOCUMENT("empty_document"),
        TOO_LARGE("too_large");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public DocumentParseException(Reason reason, String message) {
        super(message, null, false, false); // expected outcome: no stack trace to log or leak
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public String code() {
        return reason.code();
    }

    /** The same failure as the project's domain exception, for a request that uploads one file. */
    public ParleyException toParleyException() {
        ParleyException.Kind kind = reason == Reason.TOO_LARGE ? ParleyException.Kind.TOO_LARGE
                : ParleyException.Kind.VALIDATION_FAILED;
        return new ParleyException(kind, code(), getMessage(), Map.of());
    }

    static DocumentParseException unsupported(String fileName, String mediaType) {
        return new DocumentParseException(Reason.UNSUPPORTED_TYPE, "'" + fileName + "' is a file of type "
                + mediaType + ", which cannot be added to a knowledge base. Supported: PDF, Word, Excel, "
                + "PowerPoint, OpenDocument, HTML, Markdown, CSV and plain text.");
    }

    static DocumentParseException corrupt(String fileName, String what) {
        return new DocumentParseException(Reason.CORRUPT_FILE, "'" + fileName + "' could not be read as "
                + what + "; it may be damaged or not really that kind of file. Export it again and retry.");
    }

    static DocumentParseException empty(String fileName, String hint) {
        return new DocumentParseException(Reason.EMPTY_DOCUMENT, "'" + fileName + "' contains no text"
                + (hint == null ? "." : "; " + hint));
    }

    static DocumentParseException tooLarge(String fileName, long limitBytes) {
        return new DocumentParseException(Reason.TOO_LARGE, "'" + fileName + "' is larger than the limit of "
                + Sizes.human(limitBytes) + ". Split it into smaller files or raise the limit.");
    }

    static DocumentParseException tooMuchText(String fileName, long maxChars) {
        return new DocumentParseException(Reason.TOO_LARGE, "'" + fileName + "' expands to more than "
                + maxChars + " characters of text, the limit for one document. Split it into smaller files.");
    }
}

package io.parley.server.kb.parse;

import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Turns an uploaded file into a {@link ParsedDocument}. The type is detected by Tika from the
 * name and the first bytes; text formats (plain text, Markdown, CSV) and HTML are read natively
 * so offsets point into the file, the rest goes through Tika's XHTML. Thread-safe.
 *
 * <pre>{@code
 * ParsedDocument doc = parser.parse("guide.pdf", upload, 50L * 1024 * 1024);
 * }</pre>
 *
 * Every failure is a {@link DocumentParseException} with a message for the uploader.
 */
public final class DocumentParser {

    /** Text one document may produce; bounds zip bombs and giant spreadsheets. */
    public static final long DEFAULT_MAX_TEXT_CHARS = 20_000_000;

    private static final Set<String> TIKA_TYPES = Set.of("application/pdf", "application/msword",
            "application/vnd.ms-excel", "application/vnd.ms-powerpoint", "application/rtf", "application/epub+zip",
            "application/vnd.ms-word.document.macroenabled.12", "application/vnd.ms-excel.sheet.macroenabled.12",
            "application/vnd.ms-powerpoint.presentation.macroenabled.12",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.oasis.opendocument.presentation");
    private static final Set<String> PLAIN_TYPES = Set.of("application/json", "application/x-yaml",
            "application/x-sh", "application/javascript", "application/sql");

    private final Detector detector = new DefaultDetector();
    private final TikaDocumentParser tika = new TikaDocumentParser();
    private final long maxTextChars;

    public DocumentParser() {
        this(DEFAULT_MAX_TEXT_CHARS);
    }

    public DocumentParser(long maxTextChars) {
        this.maxTextChars = maxTextChars;
    }

    /**
     * @param fileName the uploaded name; its extension helps detection and it appears in messages
     * @param content  the file's bytes; read up to {@code maxBytes + 1}, not closed
     * @param maxBytes the size limit; a larger file fails with {@code too_large}
     */
    public ParsedDocument parse(String fileName, InputStream content, long maxBytes) {
        String name = fileName == null || fileName.isBlank() ? "document" : fileName.strip();
        long limit = Math.min(maxBytes, Integer.MAX_VALUE - 16L); // held in memory: bounded by array size
        byte[] bytes;
        try {
            bytes = content.readNBytes((int) limit + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("reading upload " + name, e);
        }
        if (bytes.length > limit) {
            throw DocumentParseException.tooLarge(name, maxBytes);
        }
        return parse(name, bytes);
    }

    /** Parses bytes already in memory (no size check beyond the text limit). */
    public ParsedDocument parse(String fileName, byte[] bytes) {
        if (bytes.length == 0) {
            throw DocumentParseException.empty(fileName, "the file is empty.");
        }
        String mediaType = detect(fileName, bytes);
        return switch (format(mediaType)) {
            case MARKDOWN -> MarkdownParser.parse(fileName, TextDecoder.decode(fileName, bytes, "Markdown"), mediaType);
            case CSV -> CsvParser.parse(fileName, TextDecoder.decode(fileName, bytes, "a CSV file"), mediaType);
            case PLAIN -> PlainTextParser.parse(fileName, TextDecoder.decode(fileName, bytes, "text"), mediaType);
            case HTML -> HtmlDocumentParser.parse(fileName, bytes, null, "", mediaType, maxTextChars);
            case TIKA -> tika.parse(fileName, bytes, mediaType, maxTextChars);
            case UNSUPPORTED -> throw DocumentParseException.unsupported(fileName, mediaType);
        };
    }

    /** The media type Tika sees in this name and content, without parameters. */
    public String detect(String fileName, byte[] bytes) {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        try (InputStream in = TikaInputStream.get(bytes)) {
            return detector.detect(in, metadata).getBaseType().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory bytes do not fail to read
        }
    }

    private enum Format { MARKDOWN, CSV, PLAIN, HTML, TIKA, UNSUPPORTED }

    private static Format format(String mediaType) {
        if (mediaType.equals("text/x-web-markdown") || mediaType.equals("text/markdown")) {
            return Format.MARKDOWN;
        }
        if (mediaType.equals("text/csv") || mediaType.equals("text/tab-separated-values")) {
            return Format.CSV;
        }
        if (mediaType.equals("text/html") || mediaType.equals("application/xhtml+xml")) {
            return Format.HTML;
        }
        if (TIKA_TYPES.contains(mediaType)
                || mediaType.startsWith("application/vnd.openxmlformats-officedocument.")) {
            return Format.TIKA;
        }
        if (mediaType.startsWith("text/") || PLAIN_TYPES.contains(mediaType)) {
            return Format.PLAIN;
        }
        return Format.UNSUPPORTED;
    }
}

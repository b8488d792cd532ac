package io.parley.server.kb.parse;

import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;

import java.io.InputStream;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Binary formats (PDF, Word, Excel, PowerPoint, OpenDocument, RTF, EPUB) through Tika's XHTML output. */
final class TikaDocumentParser {

    private static final Logger LOG = Logger.getLogger(TikaDocumentParser.class.getName());

    private final Parser parser = new AutoDetectParser();

    ParsedDocument parse(String fileName, byte[] bytes, String mediaType, long maxChars) {
        boolean pdf = "application/pdf".equals(mediaType);
        TextAssembler out = new TextAssembler(maxChars);
        TikaXhtmlHandler handler = new TikaXhtmlHandler(out, pdf, maxChars);
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        metadata.set(Metadata.CONTENT_TYPE, mediaType);
        try (InputStream in = TikaInputStream.get(bytes)) {
            parser.parse(in, handler, metadata, context());
        } catch (TextAssembler.TextLimitExceeded e) {
            throw DocumentParseException.tooMuchText(fileName, maxChars);
        } catch (Exception | StackOverflowError e) {
            // Parsers of damaged files fail in every way: TikaException, IOException, SAXException,
            // NullPointerException, IndexOutOfBounds... None of it is useful to the uploader.
            LOG.log(Level.FINE, "Tika could not parse " + fileName, e);
            throw translate(fileName, mediaType, maxChars, e);
        }
        if (out.isEmpty()) {
            throw DocumentParseException.empty(fileName, pdf
                    ? "it may be a scanned document, and text inside images is not read (no OCR)." : null);
        }
        String title = metadata.get(TikaCoreProperties.TITLE);
        if (title == null || title.isBlank()) {
            title = out.firstHeading() != null ? out.firstHeading() : FileNames.baseName(fileName);
        }
        return out.build(Whitespace.collapse(title), mediaType, pdf ? Math.max(handler.pages(), 1) : null);
    }

    private static ParseContext context() {
        ParseContext context = new ParseContext();
        TesseractOCRConfig ocr = new TesseractOCRConfig();
        ocr.setSkipOcr(true); // never start an external OCR process on a server
        context.set(TesseractOCRConfig.class, ocr);
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR); // else a page without text looks for an OCR parser
        context.set(PDFParserConfig.class, pdf);
        // Attachments and embedded files are not part of the document's text (and are where bombs hide).
        context.set(EmbeddedDocumentExtractor.class, new EmbeddedDocumentExtractor() {
            @Override
            public boolean shouldParseEmbedded(Metadata metadata) {
                return false;
            }

            @Override
            public void parseEmbedded(InputStream stream, org.xml.sax.ContentHandler handler, Metadata metadata,
                                      boolean outputHtml) {
                // skipped on purpose
            }
        });
        return context;
    }

    private static DocumentParseException translate(String fileName, String mediaType, long maxChars, Throwable e) {
        if (WriteLimitReachedException.isWriteLimitReached(e) || hasCause(e, TextAssembler.TextLimitExceeded.class)) {
            return DocumentParseException.tooMuchText(fileName, maxChars);
        }
        if (hasCause(e, EncryptedDocumentException.class)
                || hasCause(e, org.apache.poi.EncryptedDocumentException.class)
                || messageMentions(e, "password")) {
            return new DocumentParseException(DocumentParseException.Reason.ENCRYPTED_FILE, "'" + fileName
                    + "' is password-protected. Save a copy without the password and upload that.");
        }
        if (messageMentions(e, "zip bomb")) {
            return DocumentParseException.tooMuchText(fileName, maxChars);
        }
        return DocumentParseException.corrupt(fileName, FileNames.describe(mediaType));
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean messageMentions(Throwable e, String words) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(words)) {
                return true;
            }
        }
        return false;
    }
}

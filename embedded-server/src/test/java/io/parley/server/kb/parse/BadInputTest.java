package io.parley.server.kb.parse;

import io.parley.server.common.ParleyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every bad file fails with a code and a message for the uploader, never a parser's internals. */
class BadInputTest {

    private final DocumentParser parser = new DocumentParser();

    @ParameterizedTest
    @ValueSource(strings = {"report.pdf", "letter.docx", "sheet.xlsx", "slides.pptx"})
    void randomBytesUnderADocumentNameAreCorrupt(String name) {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);

        assertFailure(name, noise, "corrupt_file");
    }

    @Test
    void aTruncatedPdfIsCorrupt() {
        byte[] pdf = TestDocuments.pdf("t", java.util.List.of(java.util.List.of("text")));
        byte[] truncated = java.util.Arrays.copyOf(pdf, pdf.length / 3);

        assertFailure("cut.pdf", truncated, "corrupt_file");
    }

    @Test
    void binaryContentNamedAsTextIsCorrupt() {
        byte[] bytes = new byte[512];
        new Random(7).nextBytes(bytes);
        bytes[10] = 0;

        assertFailure("notes.txt", bytes, "corrupt_file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"empty.txt", "empty.pdf", "empty.md", "empty.csv", "empty.docx"})
    void emptyFilesAreEmptyDocuments(String name) {
        assertFailure(name, new byte[0], "empty_document");
    }

    @Test
    void whitespaceOnlyTextAndContentFreeHtmlAreEmptyDocuments() {
        assertFailure("blank.txt", " \n\n\t\n".getBytes(StandardCharsets.UTF_8), "empty_document");
        assertFailure("nav.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>"
                .getBytes(StandardCharsets.UTF_8), "empty_document");
    }

    @Test
    void aPdfWithoutTextSaysItMayBeScanned() {
        byte[] blank = TestDocuments.pdf("scan", java.util.List.of(java.util.List.of()));

        assertThatThrownBy(() -> parser.parse("scan.pdf", blank))
                .isInstanceOfSatisfying(DocumentParseException.class, e -> {
                    assertThat(e.code()).isEqualTo("empty_document");
                    assertThat(e.getMessage()).contains("scan.pdf", "OCR");
                });
    }

    @Test
    void imagesAndArchivesAreUnsupported() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1,
                0, 0, 0, 1, 8, 6, 0, 0, 0};
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("a.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> parser.parse("photo.png", png))
                .isInstanceOfSatisfying(DocumentParseException.class, e -> {
                    assertThat(e.code()).isEqualTo("unsupported_type");
                    assertThat(e.getMessage()).contains("photo.png", "image/png", "Supported: PDF");
                });
        assertFailure("bundle.zip", zip.toByteArray(), "unsupported_type");
    }

    @Test
    void aFileOverTheLimitIsTooLargeBeforeAnythingIsParsed() {
        byte[] big = "word ".repeat(1000).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parser.parse("big.txt", new ByteArrayInputStream(big), 1024))
                .isInstanceOfSatisfying(DocumentParseException.class, e -> {
                    assertThat(e.code()).isEqualTo("too_large");
                    assertThat(e.getMessage()).contains("big.txt", "1 KB");
                    ParleyException api = e.toParleyException();
                    assertThat(api.kind()).isEqualTo(ParleyException.Kind.TOO_LARGE);
                    assertThat(api.code()).isEqualTo("too_large");
                });
        assertThat(parser.parse("big.txt", new ByteArrayInputStream(big), big.length).blocks()).hasSize(1);
    }

    @Test
    void documentsExpandingToTooMuchTextStopAtTheTextLimit() {
        DocumentParser small = new DocumentParser(500);
        StringBuilder html = new StringBuilder("<html><body>");
        for (int i = 0; i < 100; i++) {
            html.append("<p>Paragraph number ").append(i).append(" with some words.</p>");
        }
        byte[] docx = TestDocuments.docx();

        assertThatThrownBy(() -> small.parse("long.html", html.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(DocumentParseException.class, e -> assertThat(e.code()).isEqualTo("too_large"));
        assertThatThrownBy(() -> new DocumentParser(40).parse("w.docx", docx))
                .isInstanceOfSatisfying(DocumentParseException.class, e -> {
                    assertThat(e.code()).isEqualTo("too_large");
                    assertThat(e.getMessage()).contains("w.docx", "40 characters");
                });
    }

    private void assertFailure(String name, byte[] bytes, String code) {
        assertThatThrownBy(() -> parser.parse(name, bytes))
                .isInstanceOfSatisfying(DocumentParseException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(name).doesNotContain("Exception", "org.apache", "\tat ");
                    assertThat(e.getStackTrace()).isEmpty();
                });
    }
}

package io.parley.studio.testsupport;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Real files a builder would add, written into a folder: a two-page PDF, a Word document, a
 * Markdown guide. Each says something no other file says, so a search can be checked.
 */
public final class SampleDocuments {

    private SampleDocuments() {
    }

    public static Path pdf(Path folder) throws IOException {
        Path file = folder.resolve("manual.pdf");
        try (PDDocument pdf = new PDDocument(); OutputStream out = Files.newOutputStream(file)) {
            page(pdf, List.of("Espresso machine manual", "Fill the water tank before switching the machine on."));
            page(pdf, List.of("Descaling", "Descale the espresso machine every three months with citric acid."));
            pdf.save(out);
        }
        return file;
    }

    public static Path docx(Path folder) throws IOException {
        Path file = folder.resolve("warranty.docx");
        try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
            doc.createParagraph().createRun().setText("Warranty");
            doc.createParagraph().createRun().setText("Every grinder carries a warranty of five years covering "
                    + "the motor and the burrs. Keep your receipt to make a claim.");
            doc.write(out);
        }
        return file;
    }

    public static Path markdown(Path folder) throws IOException {
        Path file = folder.resolve("guide.md");
        Files.writeString(file, """
                # Shipping guide

                ## Delivery times
                Orders ship within two working days. Delivery to the islands takes a week.

                ## Returns
                Unused items can be returned within thirty days for a full refund.
                """);
        return file;
    }

    private static void page(PDDocument pdf, List<String> lines) throws IOException {
        PDPage page = new PDPage();
        pdf.addPage(page);
        try (PDPageContentStream text = new PDPageContentStream(pdf, page)) {
            text.beginText();
            text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
            text.newLineAtOffset(72, 720);
            for (String line : lines) {
                text.showText(line);
                text.newLineAtOffset(0, -18);
            }
            text.endText();
        }
    }
}

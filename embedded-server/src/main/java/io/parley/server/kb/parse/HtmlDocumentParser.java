package io.parley.server.kb.parse;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * HTML through jsoup: the page's chrome (navigation, banners, sidebars, footers, forms, scripts)
 * is dropped, then headings, paragraphs, list items and tables are read in order. Used for
 * uploaded {@code .html} files and for crawled pages.
 */
final class HtmlDocumentParser {

    private static final String CHROME = "script, style, noscript, template, iframe, object, embed, svg, canvas, "
            + "nav, aside, dialog, button, select, input, textarea, [hidden], [aria-hidden=true], "
            + "[role=navigation], [role=banner], [role=contentinfo], [role=complementary], [role=search], "
            + "[style~=display:\\s*none], .breadcrumb, .breadcrumbs, .skip-link, .cookie-banner, #cookie-banner";
    private static final Set<String> BLOCKS = Set.of("html", "body", "main", "article", "section", "div", "p",
            "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "figure", "figcaption", "address", "details",
            "summary", "hr", "caption", "center", "fieldset", "legend", "header", "footer", "form", "tr", "td",
            "th", "tbody", "thead", "tfoot");

    private final TextAssembler out;
    private final StringBuilder running = new StringBuilder();

    private HtmlDocumentParser(long maxChars) {
        this.out = new TextAssembler(maxChars);
    }

    static ParsedDocument parse(String fileName, byte[] bytes, String charset, String baseUri, String mediaType,
                                long maxChars) {
        Document document;
        try {
            document = Jsoup.parse(new ByteArrayInputStream(bytes), charset, baseUri);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array does not fail
        }
        return parse(fileName, document, mediaType, maxChars);
    }

    /** Reads an already parsed page; removes its chrome, so pass a copy if the caller still needs it. */
    static ParsedDocument parse(String fileName, Document document, String mediaType, long maxChars) {
        HtmlDocumentParser parser = new HtmlDocumentParser(maxChars);
        String title = title(document);
        try {
            parser.walk(content(document));
            parser.flush();
        } catch (TextAssembler.TextLimitExceeded e) {
            throw DocumentParseException.tooMuchText(fileName, maxChars);
        }
        if (parser.out.isEmpty()) {
            throw DocumentParseException.empty(fileName, "the page has no readable text outside its navigation.");
        }
        if (title.isEmpty()) {
            title = parser.out.firstHeading() != null ? parser.out.firstHeading() : FileNames.baseName(fileName);
        }
        return parser.out.build(title, mediaType, null);
    }

    private static String title(Document document) {
        String title = Whitespace.collapse(document.title());
        if (title.isEmpty()) {
            Element og = document.selectFirst("meta[property=og:title]");
            title = og == null ? "" : Whitespace.collapse(og.attr("content"));
        }
        return title;
    }

    /** The main content element with the chrome removed: {@code <main>}, else a lone {@code <article>}, else body. */
    private static Element content(Document document) {
        document.select(CHROME).remove();
        Element body = document.body();
        int bodyText = body.text().length();
        for (Element form : document.select("form")) {
            // Whole-page forms (ASP.NET pages wrap everything in one) hold the content: keep those.
            if (form.text().length() < bodyText / 5) {
                form.remove();
            }
        }
        Element root = document.selectFirst("main, [role=main]");
        Elements articles = document.select("article");
        if (root == null && articles.size() == 1) {
            root = articles.first();
        }
        if (root == null) {
            root = body;
        }
        for (Element part : root.select("header, footer")) {
            // A header inside an article is its title block; the page's own header and footer are chrome.
            if (part.parents().stream().noneMatch(p -> p.nameIs("article") || p.nameIs("main"))) {
                part.remove();
            }
        }
        return root;
    }

    private void walk(Element element) {
        for (Node node : element.childNodes()) {
            if (node instanceof TextNode text) {
                running.append(text.getWholeText());
            } else if (node instanceof Element child) {
                visit(child);
            }
        }
    }

    private void visit(Element element) {
        String tag = element.normalName();
        if (tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6') {
            flush();
            out.heading(tag.charAt(1) - '0', element.text());
        } else if ("table".equals(tag)) {
            flush();
            table(element);
        } else if ("pre".equals(tag)) {
            flush();
            out.paragraph(element.wholeText());
        } else if ("br".equals(tag)) {
            running.append('\n');
        } else if (BLOCKS.contains(tag)) {
            flush();
            walk(element);
            flush();
        } else {
            walk(element); // inline: its text joins the running paragraph with its own spacing
        }
    }

    private void table(Element table) {
        boolean layout = !table.select("table table, h1, h2, h3, h4, h5, h6").isEmpty();
        if (layout) {
            walk(table); // a table used for page layout: read its cells as ordinary content
            flush();
            return;
        }
        Element caption = table.selectFirst("caption");
        if (caption != null) {
            out.paragraph(caption.text());
        }
        List<List<String>> rows = new ArrayList<>();
        for (Element tr : table.select("tr")) {
            List<String> cells = new ArrayList<>();
            for (Element cell : tr.select("> th, > td")) {
                int span = Math.clamp(parseInt(cell.attr("colspan")), 1, 20);
                for (int i = 0; i < span; i++) {
                    cells.add(cell.text()); // a spanned value applies to every column it covers
                }
            }
            if (!cells.isEmpty()) {
                rows.add(cells);
            }
        }
        if (!rows.isEmpty()) {
            // Without th/thead the first row is still taken as the header: most tables start with one.
            out.table(rows.getFirst(), rows.subList(1, rows.size()));
        }
    }

    private void flush() {
        out.paragraph(running.toString());
        running.setLength(0);
    }

    private static int parseInt(String value) {
        try {
            return value.isBlank() ? 1 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}

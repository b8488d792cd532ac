package io.parley.server.kb.parse;

/** File names and media types as shown to people. */
final class FileNames {

    private FileNames() {
    }

    /** {@code "guide.pdf"} → {@code "guide"}; paths are dropped. */
    static String baseName(String fileName) {
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** A media type in words, for messages such as "could not be read as a PDF document". */
    static String describe(String mediaType) {
        return switch (mediaType) {
            case "application/pdf" -> "a PDF document";
            case "application/msword",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> "a Word document";
            case "application/vnd.ms-excel",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> "an Excel workbook";
            case "application/vnd.ms-powerpoint",
                 "application/vnd.openxmlformats-officedocument.presentationml.presentation" -> "a PowerPoint file";
            case "text/csv", "text/tab-separated-values" -> "a CSV file";
            case "text/html", "application/xhtml+xml" -> "an HTML page";
            default -> "a " + mediaType + " file";
        };
    }
}

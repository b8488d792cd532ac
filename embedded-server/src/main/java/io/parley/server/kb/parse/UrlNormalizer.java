package io.parley.server.kb.parse;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * One spelling per page, so the crawler fetches each page once: http(s) only, lower-case scheme
 * and host, no default port, no fragment, no user info, dot segments resolved, empty path as "/".
 */
public final class UrlNormalizer {

    private static final Set<String> SKIPPED_EXTENSIONS = Set.of("pdf", "zip", "gz", "tgz", "tar", "rar", "7z",
            "png", "jpg", "jpeg", "gif", "webp", "svg", "ico", "bmp", "mp3", "mp4", "m4a", "wav", "avi", "mov",
            "webm", "exe", "dmg", "msi", "iso", "apk", "css", "js", "json", "xml", "woff", "woff2", "ttf", "eot",
            "doc", "docx", "xls", "xlsx", "ppt", "pptx");

    private UrlNormalizer() {
    }

    /** The normal form of an absolute http(s) URL, or null when it is not one. */
    public static URI normalize(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.strip().replace(" ", "%20"));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return null;
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            if (port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https")) {
                port = -1;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new URI(scheme + "://" + host + (port < 0 ? "" : ":" + port) + path + query).normalize();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** {@code href} resolved against the page it appears on, then normalised; null if not crawlable. */
    public static URI resolve(URI page, String href) {
        if (href == null || href.isBlank()) {
            return null;
        }
        try {
            return normalize(page.resolve(href.strip().replace(" ", "%20")).toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Same host, ignoring a leading {@code www.}; scheme and port may differ, as for browsers' "same site". */
    public static boolean sameSite(URI a, URI b) {
        return siteHost(a).equals(siteHost(b));
    }

    /** Links to files the crawler would only discard after downloading (images, archives, PDFs…). */
    public static boolean looksLikeFile(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash && SKIPPED_EXTENSIONS.contains(path.substring(dot + 1));
    }

    /** The robots.txt of the URL's origin. */
    static URI robotsTxt(URI uri) {
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/robots.txt");
    }

    /** The path and query robots.txt rules are matched against. */
    static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    private static String siteHost(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("www.") ? host.substring(4) : host;
    }
}

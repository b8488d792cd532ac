package io.parley.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.parley.server.common.ParleyException;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.AbstractRequestContext;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.InvalidPathException;
import java.util.List;
import java.util.Map;

/**
 * Streams the parts of a {@code multipart/form-data} body (Apache Commons FileUpload), so an
 * upload goes straight to disk instead of into memory.
 */
public final class MultipartReader {

    /** Parts in one body; a form that sends more is not one of ours. */
    public static final int MAX_PARTS = 20;

    /**
     * Receives each part in order; the stream is only valid during the call. A part that was accepted
     * can still be followed by a broken or refused one, so a consumer keeps what it receives aside
     * until {@link #read} returns.
     */
    @FunctionalInterface
    public interface PartConsumer {
        void accept(String fieldName, String fileName, String contentType, InputStream content) throws IOException;
    }

    private MultipartReader() {
    }

    static boolean isMultipart(ServerRequest request) {
        return request.headers().first(HeaderNames.CONTENT_TYPE)
                .map(v -> v.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")).orElse(false);
    }

    static void read(ServerRequest request, long maxBytes, PartConsumer consumer) {
        Upload upload = new Upload();
        upload.setSizeMax(maxBytes);
        upload.setFileCountMax(MAX_PARTS);
        try {
            FileItemInputIterator parts = upload.getItemIterator(new Context(request));
            int count = 0;
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (++count > MAX_PARTS) {
                    // FileUpload only counts parts when it parses a whole request, not when it streams
                    throw ParleyException.invalidInput("The multipart body has more than " + MAX_PARTS + " parts");
                }
                try (InputStream in = part.getInputStream()) {
                    consumer.accept(part.getFieldName(), part.isFormField() ? null : part.getName(),
                            part.getContentType(), in);
                }
            }
        } catch (FileUploadSizeException e) {
            throw ParleyException.tooLarge(maxBytes);
        } catch (FileUploadException e) {
            throw ParleyException.invalidInput("The multipart body could not be read: " + e.getMessage());
        } catch (InvalidPathException e) {
            // FileUpload refuses a file name with a NUL character when it is read
            throw ParleyException.invalidField("file", "The file name contains a character that is not allowed");
        } catch (IOException e) {
            if (e.getCause() instanceof FileUploadSizeException) {
                throw ParleyException.tooLarge(maxBytes);
            }
            throw ParleyException.invalidInput("The upload was interrupted or is malformed");
        }
    }

    private static final class Context extends AbstractRequestContext<ServerRequest> {
        Context(ServerRequest request) {
            super(name -> request.headers().first(HeaderNames.create(name)).orElse(null),
                    () -> request.headers().contentLength().orElse(-1L), request);
        }

        @Override
        public String getCharacterEncoding() {
            return "UTF-8";
        }

        @Override
        public String getContentType() {
            return getRequest().headers().first(HeaderNames.CONTENT_TYPE).orElse(null);
        }

        @Override
        public InputStream getInputStream() {
            return getRequest().content().inputStream();
        }
    }

    /** FileUpload's streaming API needs a concrete subclass; only the iterator is used. */
    private static final class Upload extends AbstractFileUpload<ServerRequest, DiskFileItem, DiskFileItemFactory> {
        @Override
        public FileItemInputIterator getItemIterator(ServerRequest request) throws FileUploadException, IOException {
            return super.getItemIterator(new Context(request));
        }

        @Override
        public Map<String, List<DiskFileItem>> parseParameterMap(ServerRequest request) {
            throw new UnsupportedOperationException("streaming only");
        }

        @Override
        public List<DiskFileItem> parseRequest(ServerRequest request) {
            throw new UnsupportedOperationException("streaming only");
        }
    }
}

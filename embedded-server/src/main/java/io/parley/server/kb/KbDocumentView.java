package io.parley.server.kb;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Locale;

/** A document of a knowledge base as the API shows it. */
public record KbDocumentView(String id, String kbId, String sourceType, String name, String uri, String mediaType,
                             long sizeBytes, String status, String errorCode, String errorMessage, int chunkCount,
                             ObjectNode annotations, Instant createdAt, Instant updatedAt) {

    static KbDocumentView of(KbDocument d) {
        ObjectNode annotations = d.annotations().deepCopy();
        annotations.remove("crawl"); // internal: the settings of a crawl still to run
        return new KbDocumentView(d.id(), d.kbId(), d.sourceType().name().toLowerCase(Locale.ROOT), d.name(), d.uri(),
                d.mediaType(), d.sizeBytes(), d.status().name().toLowerCase(Locale.ROOT), d.errorCode(),
                d.errorMessage(), d.chunkCount(), annotations, d.createdAt(), d.updatedAt());
    }
}

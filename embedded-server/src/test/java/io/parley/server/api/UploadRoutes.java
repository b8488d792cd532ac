package io.parley.server.api;

import java.util.Set;

/**
 * The routes that accept a file upload as multipart/form-data (besides a JSON body). A route whose
 * summary in /openapi mentions multipart must be listed here.
 */
final class UploadRoutes {

    static final Set<String> ALL = Set.of(
            "POST /api/v1/kb/draft/{draft_id}/sources",
            "POST /api/v1/kb/{kb_id}/documents");

    private UploadRoutes() {
    }
}

package io.parley.server.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.JsonBinding;
import io.parley.server.common.ParleyException;

import java.util.List;

/**
 * The JSON bodies of the finalized knowledge-base routes, read strictly: a field of the wrong type
 * is a 400 naming it. Adding a document reads a {@link SourceRequest}, as a draft's sources do.
 */
public final class KbRequests {

    private KbRequests() {
    }

    /**
     * {@code PATCH kb/{id}}. A field left out (or, for a settings object, null) keeps its value;
     * settings objects merge into the stored ones and are checked as a whole, as finalize checks them.
     */
    public record UpdateRequest(String name, String description, ObjectNode retrievalConfig,
                                ObjectNode chunkingConfig, ObjectNode embeddingConfig) {

        public static UpdateRequest parse(JsonNode body) {
            UpdateRequest given = JsonBinding.bind(body, UpdateRequest.class, null);
            if (body.has("name") && given.name() == null) {
                throw ParleyException.invalidField("name", "'name' is required: a knowledge base keeps its name");
            }
            if (body.has("description") && given.description() == null) {
                // as in a merge patch, null clears the description
                return new UpdateRequest(given.name(), "", given.retrievalConfig(), given.chunkingConfig(),
                        given.embeddingConfig());
            }
            return given;
        }
    }

    /**
     * {@code PATCH kb/{id}/documents/{document_id}}: {@code {annotations: {importance, tags, note}}},
     * or (as older clients send it) those fields at the top; {@code {}} resets the defaults.
     */
    public record AnnotateRequest(Annotations.Input annotations, Double importance, List<String> tags, String note) {

        /** The checked annotations the body asks for. */
        public static ObjectNode parse(JsonNode body) {
            AnnotateRequest given = JsonBinding.bind(body, AnnotateRequest.class, null);
            if (body.has("annotations") && given.annotations() == null) {
                // otherwise the (empty) top level would be taken as annotations: silently reset to the defaults
                throw ParleyException.invalidField("annotations", "'annotations' must be an object {importance, tags}");
            }
            return Annotations.clean(given.annotations() != null ? given.annotations()
                    : new Annotations.Input(given.importance(), given.tags(), given.note()));
        }
    }
}

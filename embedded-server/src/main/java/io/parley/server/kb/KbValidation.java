package io.parley.server.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.ParleyException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks a knowledge-base draft: errors block finalizing, warnings only inform. */
public final class KbValidation {

    /** One finding, with the field it is about so a form can point at it. */
    public record Issue(String field, String message) {
    }

    /** The answer of {@code validate}. */
    public record Result(boolean valid, List<Issue> errors, List<Issue> warnings) {
        public Map<String, Object> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("errors", errors);
            details.put("warnings", warnings);
            return details;
        }
    }

    private KbValidation() {
    }

    public static Result validate(ObjectNode data) {
        List<Issue> errors = new ArrayList<>();
        List<Issue> warnings = new ArrayList<>();
        String name = KbSettings.name(data);
        if (name.isEmpty()) {
            errors.add(new Issue("name", "Name is required"));
        } else if (name.length() > 200) {
            errors.add(new Issue("name", "Name must be at most 200 characters"));
        }
        List<JsonNode> sources = KbSettings.sources(data);
        if (sources.isEmpty()) {
            errors.add(new Issue("sources", "No sources added: add a file, a web page or some text"));
        }
        check(errors, () -> KbSettings.model(data));
        check(errors, () -> KbSettings.toSettings(KbSettings.chunking(data)));
        check(errors, () -> KbSettings.retrieval(data));
        if (KbSettings.description(data).length() > 2000) {
            errors.add(new Issue("description", "Description must be at most 2000 characters"));
        }
        if (KbSettings.description(data).isEmpty()) {
            warnings.add(new Issue("description", "A short description helps you and your chatbots know what this holds"));
        }
        long urls = sources.stream().filter(s -> "url".equals(s.path("type").asText())).count();
        if (urls > 0) {
            warnings.add(new Issue("sources", urls + " web address(es) will be crawled when you finalize"));
        }
        return new Result(errors.isEmpty(), errors, warnings);
    }

    /** Runs one of the strict readers of {@link KbSettings}; what it refuses becomes an error naming the field. */
    private static void check(List<Issue> errors, Runnable reader) {
        try {
            reader.run();
        } catch (ParleyException e) {
            errors.add(new Issue(String.valueOf(e.details().getOrDefault("field", "data")), e.getMessage()));
        }
    }
}

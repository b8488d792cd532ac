package io.parley.server.chatbot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.ParleyException;
import io.parley.server.kb.KbSearch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a chatbot document before deploy: errors block it, warnings only inform. */
public final class ChatbotValidation {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    /** One finding, with the field it is about so a form can point at it. */
    public record Issue(String field, String message) {
    }

    public record Result(boolean valid, List<Issue> errors, List<Issue> warnings) {
        public Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("valid", valid);
            out.put("errors", errors);
            out.put("warnings", warnings);
            return out;
        }
    }

    private final KbSearch kbs;

    public ChatbotValidation(KbSearch kbs) {
        this.kbs = kbs;
    }

    public Result validate(String workspaceId, ObjectNode document) {
        List<Issue> errors = new ArrayList<>();
        List<Issue> warnings = new ArrayList<>();
        ChatbotConfig config;
        try {
            config = ChatbotConfig.read(document);
        } catch (ParleyException e) {
            Object field = e.details().get("field");
            errors.add(new Issue(field == null ? "" : field.toString(), e.getMessage()));
            return new Result(false, errors, warnings);
        }
        if (config.displayName().isEmpty()) {
            errors.add(new Issue("name", "Name is required"));
        }
        if (config.systemPrompt() == null || config.systemPrompt().isBlank()) {
            errors.add(new Issue("system_prompt", "Instructions (the system prompt) are required: tell the bot who it is and how to answer"));
        } else {
            checkPlaceholders(config, errors);
        }
        checkKnowledgeBases(workspaceId, config, errors, warnings);
        if (config.appearance() == null || config.appearance().welcomeMessage() == null
                || config.appearance().welcomeMessage().isBlank()) {
            warnings.add(new Issue("appearance.welcome_message", "Welcome message not set: visitors see an empty chat"));
        }
        ChatbotConfig.Website website = config.website();
        if (website.enabled() && website.allowedDomains().isEmpty()) {
            warnings.add(new Issue("deployment.channels", "The website widget will work on any site: list your domains to keep others from embedding it"));
        }
        if (config.leadCaptureEnabled() && config.leadRequired().isEmpty() && config.leadOptional().isEmpty()) {
            errors.add(new Issue("lead_capture.required_fields", "Lead capture is on but asks for no field"));
        }
        return new Result(errors.isEmpty(), errors, warnings);
    }

    private static void checkPlaceholders(ChatbotConfig config, List<Issue> errors) {
        Matcher m = PLACEHOLDER.matcher(config.systemPrompt());
        while (m.find()) {
            String name = m.group(1);
            boolean known = config.variables().stream().anyMatch(v -> v.name().equals(name));
            if (!known) {
                errors.add(new Issue("system_prompt", "The instructions use {{" + name + "}} but no variable is called '"
                        + name + "': add it on the Variables step or remove it"));
            }
        }
    }

    private void checkKnowledgeBases(String workspaceId, ChatbotConfig config, List<Issue> errors, List<Issue> warnings) {
        List<ChatbotConfig.KbLink> links = config.knowledgeBases();
        if (links.stream().noneMatch(ChatbotConfig.KbLink::isEnabled)) {
            warnings.add(new Issue("knowledge_bases", "No knowledge base: the bot answers from its instructions and model only"));
        }
        for (int i = 0; i < links.size(); i++) {
            ChatbotConfig.KbLink link = links.get(i);
            String field = "knowledge_bases[" + i + "].kb_id";
            Optional<String> name = kbs.nameInWorkspace(workspaceId, link.kbId());
            if (name.isEmpty()) {
                errors.add(new Issue(field, "This knowledge base no longer exists: remove it from the list"));
            } else if (link.isEnabled()) {
                KbSearch.Indexing indexing = kbs.indexing(link.kbId());
                if (indexing.documentsReady() == 0) {
                    warnings.add(new Issue(field, "'" + name.get() + "' has no ready documents yet: answers will not use it until it does"));
                } else if (indexing.inProgress()) {
                    warnings.add(new Issue(field, "'" + name.get() + "' is still indexing (" + indexing.documentsReady()
                            + " of " + indexing.documentsTotal() + " documents ready)"));
                }
            }
        }
    }
}

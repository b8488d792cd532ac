package io.parley.server.chatbot;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.JsonBinding;
import io.parley.server.common.ParleyException;
import io.parley.server.inference.ModelResolver;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A chatbot's document (the seed's draft shape), typed. {@link #read} binds it strictly and checks
 * every value it holds, so a save, a validate and a deploy refuse the same things with a 400 naming
 * the field. Absent values keep their defaults through the accessors.
 */
public record ChatbotConfig(String name, String description, String category, String visibility,
                            List<KbLink> knowledgeBases, JsonNode provider, String model, Double temperature,
                            Integer maxTokens, String systemPrompt, Memory memory, List<Variable> variables,
                            Appearance appearance, Features features, LeadCapture leadCapture,
                            Deployment deployment) {

    public static final int MAX_NAME = 200;
    public static final int MAX_PROMPT = 20_000;
    public static final int MAX_KBS = 10;
    public static final int DEFAULT_MEMORY = 10;
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");
    private static final Pattern DOMAIN = Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:\\d{1,5})?");
    static final Set<String> LEAD_FIELDS = Set.of("email", "name", "phone");
    static final Set<String> CHANNELS = Set.of("website", "telegram", "discord", "whatsapp", "zapier", "api");

    public record KbLink(String kbId, Boolean enabled, RetrievalOverride overrideRetrieval) {
        public boolean isEnabled() {
            return enabled == null || enabled;
        }
    }

    public record RetrievalOverride(Integer topK, String searchMethod, Double similarityThreshold) {
    }

    public record Memory(Boolean enabled, Integer maxMessages) {
    }

    public record Variable(String name, String type, Boolean required, @JsonProperty("default") String defaultValue,
                           Boolean collectBeforeChat) {
        public boolean isRequired() {
            return Boolean.TRUE.equals(required);
        }
    }

    public record Appearance(String theme, String primaryColor, String avatarUrl, String welcomeMessage,
                             List<String> suggestedPrompts) {
    }

    public record RateLimiting(Boolean enabled, Integer maxMessagesPerHour) {
    }

    public record Features(Boolean enableCitations, Boolean enableFollowUpSuggestions, Boolean enableFeedback,
                           RateLimiting rateLimiting, Integer maxMessagesPerSession, Integer maxMessagesPerDay) {
    }

    public record LeadCapture(Boolean enabled, String timing, List<String> requiredFields, List<String> optionalFields) {
    }

    public record Channel(String type, Boolean enabled, JsonNode config) {
    }

    public record Deployment(List<Channel> channels) {
    }

    /** The website channel's settings, with defaults. */
    public record Website(boolean enabled, String position, List<String> allowedDomains) {
    }

    /** Binds and checks {@code document}; 400 naming the first bad field. */
    public static ChatbotConfig read(ObjectNode document) {
        ChatbotConfig config = JsonBinding.bind(document, ChatbotConfig.class, null);
        config.check();
        ModelResolver.validateBotSettings(document, ""); // provider, model, temperature, max_tokens
        return config;
    }

    private void check() {
        max("name", name, MAX_NAME);
        max("description", description, 2000);
        max("category", category, 100);
        if (visibility != null && !Set.of("private", "public").contains(visibility)) {
            throw ParleyException.invalidField("visibility", "'visibility' must be private or public");
        }
        checkKnowledgeBases();
        if (provider != null && !provider.isNull() && !provider.isObject()) {
            throw ParleyException.invalidField("provider", "'provider' must be an object such as {\"type\": \"offline\"}, "
                    + "or null for the workspace default");
        }
        if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
            throw ParleyException.invalidField("temperature", "'temperature' must be between 0 and 2");
        }
        if (maxTokens != null && (maxTokens < 1 || maxTokens > 32_000)) {
            throw ParleyException.invalidField("max_tokens", "'max_tokens' must be between 1 and 32000");
        }
        max("model", model, 200);
        max("system_prompt", systemPrompt, MAX_PROMPT);
        if (memory != null && memory.maxMessages() != null && (memory.maxMessages() < 0 || memory.maxMessages() > 100)) {
            throw ParleyException.invalidField("memory.max_messages", "'memory.max_messages' must be between 0 and 100");
        }
        checkVariables();
        checkAppearance();
        checkFeatures();
        checkLeadCapture();
        checkChannels();
    }

    private void checkKnowledgeBases() {
        List<KbLink> links = knowledgeBases();
        if (links.size() > MAX_KBS) {
            throw ParleyException.invalidField("knowledge_bases", "A chatbot can use at most " + MAX_KBS + " knowledge bases");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < links.size(); i++) {
            String field = "knowledge_bases[" + i + "]";
            KbLink link = links.get(i);
            if (link == null || link.kbId() == null || link.kbId().isBlank()) {
                throw ParleyException.invalidField(field + ".kb_id", "Each knowledge base needs its 'kb_id'");
            }
            if (!seen.add(link.kbId())) {
                throw ParleyException.invalidField(field + ".kb_id", "This knowledge base is listed twice");
            }
            RetrievalOverride o = link.overrideRetrieval();
            if (o != null) {
                if (o.topK() != null && (o.topK() < 1 || o.topK() > 50)) {
                    throw ParleyException.invalidField(field + ".override_retrieval.top_k", "'top_k' must be between 1 and 50");
                }
                if (o.searchMethod() != null && !Set.of("hybrid", "keyword", "vector").contains(o.searchMethod())) {
                    throw ParleyException.invalidField(field + ".override_retrieval.search_method",
                            "'search_method' must be hybrid, keyword or vector");
                }
                if (o.similarityThreshold() != null && !(o.similarityThreshold() >= -1 && o.similarityThreshold() <= 1)) {
                    throw ParleyException.invalidField(field + ".override_retrieval.similarity_threshold",
                            "'similarity_threshold' must be between -1 and 1");
                }
            }
        }
    }

    private void checkVariables() {
        Set<String> names = new HashSet<>();
        List<Variable> vars = variables();
        if (vars.size() > 50) {
            throw ParleyException.invalidField("variables", "A chatbot can have at most 50 variables");
        }
        for (int i = 0; i < vars.size(); i++) {
            Variable v = vars.get(i);
            String field = "variables[" + i + "]";
            if (v == null || v.name() == null || !VARIABLE_NAME.matcher(v.name()).matches()) {
                throw ParleyException.invalidField(field + ".name", "A variable name is letters, digits and _ "
                        + "(not starting with a digit), for example user_name");
            }
            if (!names.add(v.name())) {
                throw ParleyException.invalidField(field + ".name", "Two variables are called '" + v.name() + "'");
            }
            if (v.type() != null && !Set.of("text", "email", "number").contains(v.type())) {
                throw ParleyException.invalidField(field + ".type", "A variable's type is text, email or number");
            }
            max(field + ".default", v.defaultValue(), 1000);
        }
    }

    private void checkAppearance() {
        if (appearance == null) {
            return;
        }
        if (appearance.theme() != null && !Set.of("light", "dark", "auto").contains(appearance.theme())) {
            throw ParleyException.invalidField("appearance.theme", "'appearance.theme' must be light, dark or auto");
        }
        if (appearance.primaryColor() != null && !COLOR.matcher(appearance.primaryColor()).matches()) {
            throw ParleyException.invalidField("appearance.primary_color", "'appearance.primary_color' must look like #4F46E5");
        }
        if (appearance.avatarUrl() != null && !appearance.avatarUrl().isBlank()) {
            httpUrl("appearance.avatar_url", appearance.avatarUrl());
        }
        max("appearance.welcome_message", appearance.welcomeMessage(), 2000);
        List<String> prompts = appearance.suggestedPrompts() == null ? List.of() : appearance.suggestedPrompts();
        if (prompts.size() > 10) {
            throw ParleyException.invalidField("appearance.suggested_prompts", "At most 10 suggested prompts");
        }
        for (int i = 0; i < prompts.size(); i++) {
            if (prompts.get(i) == null || prompts.get(i).isBlank()) {
                throw ParleyException.invalidField("appearance.suggested_prompts[" + i + "]", "A suggested prompt cannot be empty");
            }
            max("appearance.suggested_prompts[" + i + "]", prompts.get(i), 200);
        }
    }

    private void checkFeatures() {
        if (features == null) {
            return;
        }
        RateLimiting rate = features.rateLimiting();
        if (rate != null && rate.maxMessagesPerHour() != null
                && (rate.maxMessagesPerHour() < 1 || rate.maxMessagesPerHour() > 1_000_000)) {
            throw ParleyException.invalidField("features.rate_limiting.max_messages_per_hour",
                    "'max_messages_per_hour' must be between 1 and 1000000");
        }
        if (features.maxMessagesPerSession() != null && features.maxMessagesPerSession() < 1) {
            throw ParleyException.invalidField("features.max_messages_per_session", "'max_messages_per_session' must be at least 1");
        }
        if (features.maxMessagesPerDay() != null && features.maxMessagesPerDay() < 1) {
            throw ParleyException.invalidField("features.max_messages_per_day", "'max_messages_per_day' must be at least 1");
        }
    }

    private void checkLeadCapture() {
        if (leadCapture == null) {
            return;
        }
        if (leadCapture.timing() != null && !Set.of("before_chat", "after_first_message").contains(leadCapture.timing())) {
            throw ParleyException.invalidField("lead_capture.timing", "'lead_capture.timing' must be before_chat or after_first_message");
        }
        for (String list : List.of("required_fields", "optional_fields")) {
            List<String> fields = list.equals("required_fields") ? leadCapture.requiredFields() : leadCapture.optionalFields();
            for (String f : fields == null ? List.<String>of() : fields) {
                if (!LEAD_FIELDS.contains(f)) {
                    throw ParleyException.invalidField("lead_capture." + list, "Lead fields are email, name and phone");
                }
            }
        }
    }

    private void checkChannels() {
        List<Channel> channels = channels();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < channels.size(); i++) {
            Channel c = channels.get(i);
            String field = "deployment.channels[" + i + "]";
            if (c == null || c.type() == null || !CHANNELS.contains(c.type())) {
                throw ParleyException.invalidField(field + ".type",
                        "A channel is website, telegram, discord, whatsapp, zapier or api");
            }
            if (!seen.add(c.type())) {
                throw ParleyException.invalidField(field + ".type", "The " + c.type() + " channel is listed twice");
            }
            if (c.config() != null && !c.config().isNull() && !c.config().isObject()) {
                throw ParleyException.invalidField(field + ".config", "A channel's 'config' must be an object");
            }
        }
        website(); // checks the website channel's settings
    }

    /** The website channel: enabled by default, bottom-right, every origin unless domains are listed. */
    public Website website() {
        for (int i = 0; i < channels().size(); i++) {
            Channel c = channels().get(i);
            if (c != null && "website".equals(c.type())) {
                String field = "deployment.channels[" + i + "].config";
                JsonNode cfg = c.config() == null ? null : c.config();
                String position = cfg == null ? null : text(cfg, "widget_position", field);
                if (position != null && !Set.of("bottom-right", "bottom-left").contains(position)) {
                    throw ParleyException.invalidField(field + ".widget_position", "'widget_position' must be bottom-right or bottom-left");
                }
                List<String> domains = cfg == null ? List.of() : domains(cfg.get("allowed_domains"), field + ".allowed_domains");
                return new Website(c.enabled() == null || c.enabled(), position == null ? "bottom-right" : position, domains);
            }
        }
        return new Website(true, "bottom-right", List.of());
    }

    private static List<String> domains(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > 50) {
            throw ParleyException.invalidField(field, "'allowed_domains' must be a list of at most 50 domains");
        }
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode d : node) {
            String value = d.isTextual() ? d.asText().strip().toLowerCase(Locale.ROOT) : "";
            if (value.startsWith("https://") || value.startsWith("http://")) {
                try {
                    URI uri = new URI(value);
                    value = uri.getAuthority() == null ? value : uri.getAuthority();
                } catch (java.net.URISyntaxException e) {
                    // not an address: the pattern below refuses it with the field's name
                }
            }
            if (!DOMAIN.matcher(value).matches()) {
                throw ParleyException.invalidField(field, "'" + d.asText() + "' is not a domain: write example.com or *.example.com");
            }
            out.add(value);
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode cfg, String key, String field) {
        JsonNode v = cfg.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ParleyException.invalidField(field + "." + key, "'" + key + "' must be text");
        }
        return v.asText();
    }

    private static void httpUrl(String field, String value) {
        try {
            URI uri = new URI(value.strip());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (Exception e) {
            throw ParleyException.invalidField(field, "'" + field + "' must be an http(s) address");
        }
    }

    private static void max(String field, String value, int limit) {
        if (value != null && value.length() > limit) {
            throw ParleyException.invalidField(field, "'" + field + "' must be at most " + limit + " characters");
        }
    }

    @Override
    public List<KbLink> knowledgeBases() {
        return knowledgeBases == null ? List.of() : knowledgeBases;
    }

    @Override
    public List<Variable> variables() {
        return variables == null ? List.of() : variables;
    }

    public List<Channel> channels() {
        return deployment == null || deployment.channels() == null ? List.of() : deployment.channels();
    }

    public String displayName() {
        return name == null ? "" : name.strip();
    }

    public boolean memoryEnabled() {
        return memory == null || memory.enabled() == null || memory.enabled();
    }

    public int memoryMessages() {
        return memory == null || memory.maxMessages() == null ? DEFAULT_MEMORY : memory.maxMessages();
    }

    public boolean citations() {
        return features == null || features.enableCitations() == null || features.enableCitations();
    }

    public boolean followUps() {
        return features != null && Boolean.TRUE.equals(features.enableFollowUpSuggestions());
    }

    public boolean feedback() {
        return features == null || features.enableFeedback() == null || features.enableFeedback();
    }

    /** Messages per hour for the whole bot, or 0 for no limit. */
    public int messagesPerHour() {
        if (features == null || features.rateLimiting() == null) {
            return 0;
        }
        RateLimiting r = features.rateLimiting();
        return Boolean.FALSE.equals(r.enabled()) || r.maxMessagesPerHour() == null ? 0 : r.maxMessagesPerHour();
    }

    public int messagesPerSession() {
        return features == null || features.maxMessagesPerSession() == null ? 200 : features.maxMessagesPerSession();
    }

    public int messagesPerDay() {
        return features == null || features.maxMessagesPerDay() == null ? 5000 : features.maxMessagesPerDay();
    }

    public boolean leadCaptureEnabled() {
        return leadCapture != null && Boolean.TRUE.equals(leadCapture.enabled());
    }

    public List<String> leadRequired() {
        return leadCapture == null || leadCapture.requiredFields() == null ? List.of("email") : leadCapture.requiredFields();
    }

    public List<String> leadOptional() {
        return leadCapture == null || leadCapture.optionalFields() == null ? List.of() : leadCapture.optionalFields();
    }

    public String leadTiming() {
        return leadCapture == null || leadCapture.timing() == null ? "before_chat" : leadCapture.timing();
    }
}

package io.parley.server.chatbot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the widget needs to draw a bot: {@code GET bots/{id}/config} and the draft preview's config. */
public final class WidgetConfig {

    private WidgetConfig() {
    }

    public static Map<String, Object> of(String botId, ChatbotConfig config, boolean preview) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bot_id", botId);
        out.put("name", config.displayName().isEmpty() ? "Assistant" : config.displayName());
        out.put("preview", preview);
        ChatbotConfig.Appearance a = config.appearance();
        Map<String, Object> appearance = new LinkedHashMap<>();
        appearance.put("theme", a == null || a.theme() == null ? "light" : a.theme());
        appearance.put("primary_color", a == null || a.primaryColor() == null ? "#4F46E5" : a.primaryColor());
        appearance.put("avatar_url", a == null ? null : a.avatarUrl());
        appearance.put("welcome_message", a == null || a.welcomeMessage() == null ? "" : a.welcomeMessage());
        appearance.put("suggested_prompts", a == null || a.suggestedPrompts() == null ? List.of() : a.suggestedPrompts());
        appearance.put("position", config.website().position());
        out.put("appearance", appearance);
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("enable_citations", config.citations());
        features.put("enable_feedback", config.feedback());
        features.put("enable_follow_up_suggestions", config.followUps());
        out.put("features", features);
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("enabled", config.leadCaptureEnabled());
        lead.put("timing", config.leadTiming());
        lead.put("required_fields", config.leadRequired());
        lead.put("optional_fields", config.leadOptional());
        out.put("lead_capture", lead);
        out.put("variables", config.variables().stream().filter(v -> Boolean.TRUE.equals(v.collectBeforeChat()))
                .map(v -> Map.of("name", v.name(), "type", v.type() == null ? "text" : v.type(), "required", v.isRequired()))
                .toList());
        return out;
    }
}

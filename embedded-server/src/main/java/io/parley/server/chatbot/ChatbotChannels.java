package io.parley.server.chatbot;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each channel of a deployed chatbot offers: the website widget's embed code, the API
 * endpoint. Telegram, Discord, WhatsApp and Zapier are refused plainly until they are built.
 */
public final class ChatbotChannels {

    private ChatbotChannels() {
    }

    public static Map<String, Object> describe(Chatbot bot, ChatbotConfig config, String baseUrl) {
        Map<String, Object> out = new LinkedHashMap<>();
        ChatbotConfig.Website website = config.website();
        if (website.enabled()) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("status", "success");
            w.put("embed_code", embedCode(baseUrl, bot.id(), bot.widgetKey()));
            w.put("widget_key", bot.widgetKey());
            w.put("allowed_domains", website.allowedDomains());
            w.put("position", website.position());
            out.put("website", w);
        }
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("status", "success");
        api.put("chat_url", baseUrl + "/api/v1/bots/" + bot.id() + "/chat");
        api.put("openai_base_url", baseUrl + "/v1");
        out.put("api", api);
        for (ChatbotConfig.Channel c : config.channels()) {
            if (Boolean.FALSE.equals(c.enabled()) || c.type().equals("website") || c.type().equals("api")) {
                continue;
            }
            Map<String, Object> later = new LinkedHashMap<>();
            later.put("status", "error");
            later.put("error", "The " + c.type() + " channel is not available in this version yet");
            out.put(c.type(), later);
        }
        return out;
    }

    static String embedCode(String baseUrl, String botId, String widgetKey) {
        return "<script src=\"" + baseUrl + "/widget.js\" data-bot-id=\"" + botId + "\" data-key=\"" + widgetKey
                + "\" async></script>";
    }
}

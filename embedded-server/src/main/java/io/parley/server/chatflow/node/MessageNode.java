package io.parley.server.chatflow.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.chatflow.graph.FlowEdge;
import io.parley.server.chatflow.graph.FlowNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Sends messages without waiting: {@code message} (text), or {@code messages} of
 * {@code {type: text, content}}, {@code {type: image, url, alt}} and
 * {@code {type: buttons, text, buttons: [{label, value}]}}. Texts are templates.
 */
final class MessageNode implements NodeType {

    static final int MAX_MESSAGES = 20;

    @Override
    public String name() {
        return "message";
    }

    @Override
    public List<String> handles(FlowNode node) {
        return List.of(FlowEdge.DEFAULT);
    }

    @Override
    public void check(FlowNode node, NodeChecks checks) {
        String single = Data.text(node.data(), "message", "text");
        JsonNode list = node.data().get("messages");
        if (single == null && (list == null || !list.isArray() || list.isEmpty())) {
            checks.error("data.message", "Write the message to send");
            return;
        }
        if (single != null) {
            checks.template("data.message", single, false);
        }
        if (list != null && list.isArray()) {
            if (list.size() > MAX_MESSAGES) {
                checks.error("data.messages", "A message node sends at most " + MAX_MESSAGES + " messages");
            }
            for (int i = 0; i < list.size(); i++) {
                checkOne(list.get(i), "data.messages[" + i + "]", checks);
            }
        }
    }

    private static void checkOne(JsonNode m, String at, NodeChecks checks) {
        String type = Data.text(m, "type");
        type = type == null ? "text" : type;
        switch (type) {
            case "text" -> {
                String text = Data.text(m, "content", "text");
                if (text == null) {
                    checks.error(at + ".content", "Write the text of this message");
                } else {
                    checks.template(at + ".content", text, false);
                }
            }
            case "image" -> {
                String url = Data.text(m, "url");
                if (url == null) {
                    checks.error(at + ".url", "Give the image's address (url)");
                } else {
                    checks.template(at + ".url", url, false);
                }
            }
            case "buttons" -> {
                JsonNode buttons = m.get("buttons");
                if (buttons == null || !buttons.isArray() || buttons.isEmpty()) {
                    checks.error(at + ".buttons", "Add at least one button");
                } else if (buttons.size() > 10) {
                    checks.warning(at + ".buttons", "More than 10 buttons is hard to read; consider a question with choices");
                }
            }
            default -> checks.error(at + ".type", "A message is text, image or buttons, not '" + type + "'");
        }
    }

    @Override
    public Step run(NodeRun run) throws NodeFailure {
        List<Outbound> out = new ArrayList<>();
        String single = Data.text(run.node().data(), "message", "text");
        if (single != null) {
            out.add(Outbound.text(run.render(single)));
        }
        JsonNode list = run.node().data().get("messages");
        if (list != null && list.isArray()) {
            for (JsonNode m : list) {
                String type = Data.text(m, "type");
                switch (type == null ? "text" : type) {
                    case "image" -> out.add(Outbound.image(run.render(Data.text(m, "url")),
                            Data.text(m, "alt") == null ? "" : run.render(Data.text(m, "alt"))));
                    case "buttons" -> out.add(Outbound.buttons(
                            Data.text(m, "text", "content") == null ? "" : run.render(Data.text(m, "text", "content")),
                            QuestionNode.choices(m.get("buttons"))));
                    default -> out.add(Outbound.text(run.render(Data.text(m, "content", "text"))));
                }
            }
        }
        var output = Data.object();
        output.put("text", String.join("\n\n", out.stream().filter(o -> o.text() != null).map(Outbound::text).toList()));
        return Step.say(output, out);
    }
}

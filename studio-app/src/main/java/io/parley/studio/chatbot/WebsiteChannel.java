package io.parley.studio.chatbot;

import com.fasterxml.jackson.databind.JsonNode;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The website channel's settings of a chatbot or chatflow draft: on or off, the domains allowed
 * to show it (any when none) and the corner of the page, as {@code deployment.channels}.
 */
public final class WebsiteChannel {

    public enum Position {
        BOTTOM_RIGHT("bottom-right", "Bottom right"), BOTTOM_LEFT("bottom-left", "Bottom left");

        private final String value;
        private final String label;

        Position(String value, String label) {
            this.value = value;
            this.label = label;
        }

        public String value() {
            return value;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final BooleanProperty enabled = new SimpleBooleanProperty(true);
    private final StringProperty allowedDomains = new SimpleStringProperty("");
    private final ObjectProperty<Position> position = new SimpleObjectProperty<>(Position.BOTTOM_RIGHT);

    /** What the settings are made of, to listen to. */
    public List<Observable> observables() {
        return List.of(enabled, allowedDomains, position);
    }

    /** The draft's fragment for these settings: {@code {"deployment": {"channels": [...]}}}. */
    public Map<String, Object> fragment() {
        Map<String, Object> config = Fragments.of("widget_position", position.get().value(),
                "allowed_domains", domains());
        return Fragments.at(List.of(Fragments.of("type", "website", "enabled", enabled.get(), "config", config)),
                "deployment", "channels");
    }

    /** The allowed domains as typed: separated by commas, spaces or new lines. */
    public List<String> domains() {
        return Arrays.stream(allowedDomains.get().split("[,\\s]+")).map(String::strip).filter(d -> !d.isEmpty())
                .toList();
    }

    /** Shows the website channel of a draft's data. */
    public void fill(JsonNode data) {
        for (JsonNode channel : data.path("deployment").path("channels")) {
            if ("website".equals(channel.path("type").asText())) {
                enabled.set(channel.path("enabled").asBoolean(true));
                List<String> domains = new ArrayList<>();
                channel.path("config").path("allowed_domains").forEach(d -> domains.add(d.asText()));
                allowedDomains.set(String.join(", ", domains));
                position.set("bottom-left".equals(channel.path("config").path("widget_position").asText())
                        ? Position.BOTTOM_LEFT : Position.BOTTOM_RIGHT);
            }
        }
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public StringProperty allowedDomainsProperty() {
        return allowedDomains;
    }

    public ObjectProperty<Position> positionProperty() {
        return position;
    }
}

package io.parley.studio.chatbot;

import javafx.collections.FXCollections;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

/** The website channel's settings as a form, for the chatbot's and the chatflow's deploy steps. */
public final class WebsiteChannelView {

    private WebsiteChannelView() {
    }

    /** The website channel: on or off, the domains allowed to show it, the corner of the page. */
    public static VBox settings(WebsiteChannel channel) {
        CheckBox website = new CheckBox("Show it on a website");
        website.setId("channel-website");
        website.selectedProperty().bindBidirectional(channel.enabledProperty());
        TextArea domains = new TextArea();
        domains.setId("allowed-domains");
        domains.setPromptText("example.com, *.example.com (empty: any website)");
        domains.setPrefRowCount(2);
        domains.setWrapText(true);
        domains.textProperty().bindBidirectional(channel.allowedDomainsProperty());
        ComboBox<WebsiteChannel.Position> position = new ComboBox<>(
                FXCollections.observableArrayList(WebsiteChannel.Position.values()));
        position.setId("widget-position");
        position.valueProperty().bindBidirectional(channel.positionProperty());
        VBox settings = new VBox(10, Ui.field("Websites allowed to show it", domains),
                Ui.hint("Separate them with commas or new lines. *.example.com also allows its subdomains."),
                Ui.field("Corner of the page", position));
        settings.getStyleClass().add("indent");
        settings.disableProperty().bind(channel.enabledProperty().not());
        return new VBox(10, website, settings);
    }
}

package io.parley.studio.chatflow;

import io.parley.studio.api.ChatbotApi.Channel;
import io.parley.studio.api.ChatflowApi.Deployed;
import io.parley.studio.chatbot.Ui;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Check and deploy: the check's summary, Deploy, and once live the embed code and the API key. */
final class PublishPanelView extends VBox {

    PublishPanelView(FlowBuilderViewModel viewModel) {
        super(12);
        setId("flow-publish");
        getStyleClass().add("flow-side-panel");
        Label summary = new Label();
        summary.setWrapText(true);
        summary.textProperty().bind(viewModel.checkSummaryProperty());
        Button validate = new Button("Check again");
        validate.setId("flow-validate");
        validate.getStyleClass().add("secondary-button");
        validate.setOnAction(e -> viewModel.validate());
        Button deploy = new Button("Deploy");
        deploy.setId("flow-deploy");
        deploy.getStyleClass().add("primary-button");
        deploy.setOnAction(e -> viewModel.deploy());
        deploy.disableProperty().bind(viewModel.deployingProperty().or(viewModel.deployedProperty().isNotNull()));
        deploy.textProperty().bind(Bindings.createStringBinding(() -> viewModel.deployingProperty().get() ? "Deploying…"
                        : viewModel.deployedProperty().get() != null ? "Deployed"
                        : viewModel.editsLiveProperty().get() ? "Deploy the changes" : "Deploy",
                viewModel.deployingProperty(), viewModel.deployedProperty(), viewModel.editsLiveProperty()));
        deploy.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        validate.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        validate.disableProperty().bind(viewModel.deployedProperty().isNotNull());

        StringBinding embed = Bindings.createStringBinding(() -> {
            Deployed d = viewModel.deployedProperty().get();
            Channel site = d == null || d.channels() == null ? null : d.channels().get("website");
            return site == null || site.embedCode() == null ? "" : site.embedCode();
        }, viewModel.deployedProperty());
        getProperties().put("embed", embed); // held: listeners alone would let it be collected
        StringBinding key = Bindings.createStringBinding(() -> {
            Deployed d = viewModel.deployedProperty().get();
            return d == null || d.apiKey() == null ? "" : d.apiKey();
        }, viewModel.deployedProperty());
        getProperties().put("key", key);
        TextField apiKey = new TextField();
        apiKey.setId("flow-api-key");
        apiKey.setEditable(false);
        apiKey.getStyleClass().add("code");
        apiKey.textProperty().bind(key);
        Button open = new Button("Open the live chatflow");
        open.setId("flow-open-deployed");
        open.getStyleClass().add("link-button");
        open.setOnAction(e -> viewModel.openDeployed());
        Label live = new Label();
        live.setId("flow-live");
        live.getStyleClass().add("card-title");
        live.textProperty().bind(Bindings.createStringBinding(() -> {
            Deployed d = viewModel.deployedProperty().get();
            return d == null ? "" : "Live" + (d.version() == null ? "" : " · version " + d.version());
        }, viewModel.deployedProperty()));
        VBox result = Ui.card(live,
                Ui.hint("On your website: paste this into your site's HTML, just before </body>."),
                Ui.copyableCode("flow-embed-code", embed),
                Ui.showWhen(new VBox(6, Ui.hint("Secret key for the API: shown only this once, so keep it safe."),
                        apiKey), key.isNotEmpty()),
                open);
        Ui.showWhen(result, viewModel.deployedProperty().isNotNull());
        HBox buttons = new HBox(8, validate, Ui.spacer(), deploy);
        VBox where = io.parley.studio.chatbot.WebsiteChannelView.settings(viewModel.website());
        where.disableProperty().bind(viewModel.deployedProperty().isNotNull());
        getChildren().addAll(Ui.heading("Deploy", "Deploying makes this flow answer on your website and through the "
                + "API. Problems marked in red must be fixed first; suggestions can wait."), where, summary, buttons, result);
    }
}

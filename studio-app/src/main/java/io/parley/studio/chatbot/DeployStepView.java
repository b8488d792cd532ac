package io.parley.studio.chatbot;

import io.parley.studio.api.ChatbotApi.Deployed;
import io.parley.studio.api.ChatbotApi.Validation;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.List;

/** Deploy: the website channel, the server's check, deploying, and the embed code. */
final class DeployStepView extends VBox {

    DeployStepView(DeployStepViewModel viewModel, Runnable openDeployedBot) {
        super(16);
        getChildren().addAll(channelCard(viewModel), checkCard(viewModel), resultCard(viewModel, openDeployedBot));
    }

    private static VBox channelCard(DeployStepViewModel viewModel) {
        VBox card = Ui.card(Ui.heading("Where it lives", "A chat button in the corner of your website. "
                + "Other channels follow in coming versions."), WebsiteChannelView.settings(viewModel.channel()));
        card.disableProperty().bind(viewModel.deployedProperty().isNotNull());
        return card;
    }

    private static VBox checkCard(DeployStepViewModel viewModel) {
        VBox errors = new VBox(4);
        VBox warnings = new VBox(4);
        Label verdict = new Label();
        verdict.setId("validation-verdict");
        verdict.getStyleClass().add("item-name");
        Runnable fill = () -> {
            Validation result = viewModel.validationProperty().get();
            errors.getChildren().setAll(lines(result == null ? List.of() : DeployStepViewModel.lines(result.errors()),
                    "review-error", "validation-error"));
            warnings.getChildren().setAll(lines(result == null ? List.of()
                    : DeployStepViewModel.lines(result.warnings()).stream().map(w -> "Suggestion: " + w).toList(),
                    "review-warning", "validation-warning"));
            verdict.setText(result == null ? "" : result.valid()
                    ? (result.warnings() == null || result.warnings().isEmpty() ? "Ready to deploy."
                    : "Ready to deploy. Worth a look first:")
                    : "Fix these first:");
        };
        fill.run();
        viewModel.validationProperty().addListener((obs, was, is) -> fill.run());
        Button check = new Button("Check again");
        check.setId("validate");
        check.getStyleClass().add("secondary-button");
        check.disableProperty().bind(viewModel.busyProperty().or(viewModel.deployedProperty().isNotNull()));
        check.setOnAction(event -> viewModel.validate());
        Button deploy = new Button();
        deploy.textProperty().bind(Bindings.when(viewModel.deployedProperty().isNull()).then("Deploy")
                .otherwise("Deployed"));
        deploy.setId("deploy");
        deploy.getStyleClass().add("primary-button");
        deploy.disableProperty().bind(viewModel.deployAllowedProperty().not());
        deploy.setOnAction(event -> viewModel.deploy());
        ProgressIndicator busy = new ProgressIndicator();
        busy.getStyleClass().add("small-progress");
        busy.visibleProperty().bind(viewModel.busyProperty());
        Label problem = Ui.problemLabel("deploy-problem");
        problem.textProperty().bind(viewModel.problemProperty());
        Label checking = Ui.hint("Checking…");
        Ui.showWhen(checking, viewModel.validationProperty().isNull().and(viewModel.busyProperty()));
        HBox buttons = new HBox(10, check, deploy, busy);
        buttons.setAlignment(Pos.CENTER_LEFT);
        return Ui.card(Ui.heading("Check and deploy", "Parley checks the whole chatbot first. Problems in red "
                + "must be fixed; the others are suggestions."), checking, verdict, errors, warnings, problem, buttons);
    }

    private static VBox resultCard(DeployStepViewModel viewModel, Runnable openDeployedBot) {
        VBox channels = new VBox(4);
        viewModel.channelResults().addListener((ListChangeListener<String>) change ->
                channels.getChildren().setAll(viewModel.channelResults().stream().map(line -> {
                    Label label = new Label(line);
                    label.setWrapText(true);
                    return (Node) label;
                }).toList()));
        VBox embedBox = new VBox(8, Ui.hint("Paste this into your website's HTML, just before </body>:"),
                Ui.copyableCode("embed-code", viewModel.embedCodeProperty()));
        Ui.showWhen(embedBox, viewModel.embedCodeProperty().isNotEmpty());
        javafx.scene.control.TextField key = new javafx.scene.control.TextField();
        key.setId("api-key");
        key.setEditable(false);
        key.getStyleClass().add("code");
        key.textProperty().bind(Bindings.createStringBinding(() -> {
            Deployed deployed = viewModel.deployedProperty().get();
            return deployed == null || deployed.apiKey() == null ? "" : deployed.apiKey();
        }, viewModel.deployedProperty()));
        VBox apiKey = new VBox(6, Ui.hint("Secret key for the API: shown only this once, so keep it somewhere safe."),
                key);
        Ui.showWhen(apiKey, key.textProperty().isNotEmpty());
        Button open = new Button("Open deployed bot");
        open.setId("open-deployed");
        open.getStyleClass().add("link-button");
        open.setOnAction(event -> openDeployedBot.run());
        Label title = new Label("Your chatbot is live");
        title.getStyleClass().add("card-title");
        VBox card = Ui.card(title, channels, embedBox, apiKey, open);
        card.setId("deploy-result");
        Ui.showWhen(card, viewModel.deployedProperty().isNotNull());
        return card;
    }

    private static List<Node> lines(List<String> messages, String styleClass, String id) {
        return messages.stream().map(message -> {
            Label line = new Label("• " + message);
            line.setWrapText(true);
            line.getStyleClass().addAll(styleClass, id);
            return (Node) line;
        }).toList();
    }
}

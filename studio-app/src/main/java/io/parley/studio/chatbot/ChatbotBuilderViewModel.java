package io.parley.studio.chatbot;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.studio.api.ChatbotApi;
import io.parley.studio.api.ChatbotApi.Deployed;
import io.parley.studio.api.ChatbotApi.PreviewPage;
import io.parley.studio.api.KnowledgeBaseApi;
import io.parley.studio.concurrent.BackgroundTasks;
import io.parley.studio.concurrent.Debouncer;
import io.parley.studio.concurrent.Scheduler;
import io.parley.studio.page.Page;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The chatbot builder: six steps over one server-side draft, each edit auto-saved, each step
 * marked once done, and a live preview of the real widget answering as the draft. Deploying
 * makes the chatbot (or, for a draft of a live one, replaces it).
 */
public final class ChatbotBuilderViewModel implements Page {

    public enum Step {
        BASIC("Basic"), KNOWLEDGE("Knowledge"), INSTRUCTIONS("Instructions"), VARIABLES("Variables"),
        CUSTOMIZE("Customize"), DEPLOY("Deploy");

        private final String title;

        Step(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    static final Duration PREVIEW_DELAY = Duration.ofMillis(400);
    // Saved fields the widget shows or behaves by: the preview reloads when one of them changed.
    private static final Set<String> SHOWN_IN_PREVIEW = Set.of("name", "appearance", "features", "lead_capture",
            "variables");

    private final ChatbotApi api;
    private final KnowledgeBaseApi knowledgeBases;
    private final BackgroundTasks tasks;
    private final ChatbotNavigation navigation;
    private final DraftAutoSave autoSave;
    private final BasicStepViewModel basic;
    private final KnowledgeStepViewModel knowledge;
    private final InstructionsStepViewModel instructions;
    private final VariablesStepViewModel variables;
    private final CustomizeStepViewModel customize;
    private final DeployStepViewModel deploy;
    private final Map<Step, BooleanExpression> complete = new EnumMap<>(Step.class);
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.BASIC);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<PreviewPage> previewPage = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper previewRevision = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyBooleanWrapper previewOutdated = new ReadOnlyBooleanWrapper(false);
    private final Debouncer previewChanged;
    private final BooleanExpression deployed; // held here: a binding only listeners refer to would be collected
    private String draftId;
    private final ReadOnlyStringWrapper editing = new ReadOnlyStringWrapper("");
    private String editingChatbotId;

    public ChatbotBuilderViewModel(ChatbotApi api, KnowledgeBaseApi knowledgeBases, BackgroundTasks tasks,
                                   Scheduler scheduler, Clock clock, ChatbotNavigation navigation) {
        this.api = Objects.requireNonNull(api, "api");
        this.knowledgeBases = Objects.requireNonNull(knowledgeBases, "knowledgeBases");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.navigation = Objects.requireNonNull(navigation, "navigation");
        this.autoSave = new DraftAutoSave(api, tasks, scheduler, clock);
        this.basic = new BasicStepViewModel(autoSave);
        this.knowledge = new KnowledgeStepViewModel(autoSave);
        this.instructions = new InstructionsStepViewModel(autoSave, api, tasks);
        this.variables = new VariablesStepViewModel(autoSave);
        this.customize = new CustomizeStepViewModel(autoSave);
        this.deploy = new DeployStepViewModel(autoSave, api, tasks, () -> draftId, this::deployed);
        this.deployed = deploy.deployedProperty().isNotNull();
        complete.put(Step.BASIC, basic.completeProperty());
        complete.put(Step.KNOWLEDGE, knowledge.completeProperty());
        complete.put(Step.INSTRUCTIONS, instructions.completeProperty());
        complete.put(Step.VARIABLES, variables.completeProperty());
        complete.put(Step.CUSTOMIZE, customize.completeProperty());
        complete.put(Step.DEPLOY, deploy.completeProperty());
        this.previewChanged = new Debouncer(scheduler, PREVIEW_DELAY, () -> {
            previewOutdated.set(false);
            previewRevision.set(previewRevision.get() + 1);
        });
        autoSave.onSaved(this::saved);
    }

    // ---- opening

    /** A new chatbot: starts an empty draft. */
    public void startNew() {
        open(() -> api.draft(api.createDraft(Map.of())));
    }

    /** Continues a draft saved earlier. */
    public void resume(String id) {
        open(() -> api.draft(id));
    }

    /** A draft of the live chatbot; deploying it replaces the live version. */
    public void editDeployed(String chatbotId) {
        editingChatbotId = chatbotId;
        open(() -> api.draft(api.edit(chatbotId)));
    }

    private void open(java.util.concurrent.Callable<ChatbotApi.Draft> fetch) {
        loading.set(true);
        tasks.run(fetch, this::loaded, failure -> {
            loading.set(false);
            problem.set("Could not open the chatbot: " + Problems.describe(failure));
        });
        listKnowledgeBases();
        instructions.loadWorkspaceDefault();
        instructions.loadCredentials();
    }

    private void listKnowledgeBases() {
        tasks.run(knowledgeBases::list, knowledge::showKnowledgeBases,
                failure -> problem.set("Could not list the knowledge bases: " + Problems.describe(failure)));
    }

    private void loaded(ChatbotApi.Draft draft) {
        draftId = draft.id();
        JsonNode data = draft.data();
        if (data.hasNonNull("chatbot_id")) {
            editingChatbotId = data.get("chatbot_id").asText();
            editing.set("Changing the live chatbot: it keeps working as it is until you deploy these changes.");
        }
        basic.load(data);
        knowledge.load(data);
        instructions.load(data);
        variables.load(data);
        customize.load(data);
        deploy.load(data);
        autoSave.attach(draftId);
        loading.set(false);
        previewPage.set(api.previewPage(draftId));
    }

    private void saved(Set<String> fields) {
        if (fields.stream().anyMatch(SHOWN_IN_PREVIEW::contains)) {
            previewOutdated.set(true);
            previewChanged.poke();
        }
    }

    private void deployed(Deployed result) {
        autoSave.stop();
        previewChanged.cancel();
        editingChatbotId = result.chatbotId();
        editing.set("This version is live. To change it again, open the chatbot and choose Edit.");
    }

    /** Whether this draft has been deployed: its steps are then read-only. */
    public BooleanExpression deployedProperty() {
        return deployed;
    }

    // ---- moving around

    public void go(Step to) {
        if (to == null || loading.get()) {
            return;
        }
        step.set(to);
        if (to == Step.KNOWLEDGE) {
            listKnowledgeBases(); // one may have become ready meanwhile
        }
        if (to == Step.DEPLOY && deploy.deployedProperty().get() == null) {
            deploy.validate();
        }
    }

    public void next() {
        if (step.get() != Step.DEPLOY) {
            go(Step.values()[step.get().ordinal() + 1]);
        }
    }

    public void back() {
        if (step.get() != Step.BASIC) {
            go(Step.values()[step.get().ordinal() - 1]);
        }
    }

    /** Back to the list once what is not saved yet is saved, so the list shows it. */
    public void close() {
        previewChanged.cancel();
        autoSave.saveNow(navigation::showChatbots, failure -> navigation.showChatbots());
    }

    /** Opens the chatbot this builder deployed. */
    public void openDeployedBot() {
        Deployed result = deploy.deployedProperty().get();
        if (result != null) {
            navigation.openChatbot(result.chatbotId());
        }
    }

    /** Throws the draft away (a live chatbot it was editing stays as it is). */
    public void discard() {
        String abandoned = draftId;
        autoSave.stop();
        previewChanged.cancel();
        draftId = null;
        if (abandoned != null && deploy.deployedProperty().get() == null) {
            tasks.run(() -> {
                api.deleteDraft(abandoned);
                return null;
            }, done -> navigation.showChatbots(), failure -> navigation.showChatbots());
        } else {
            navigation.showChatbots();
        }
    }

    @Override
    public void leave() {
        previewChanged.cancel();
        autoSave.saveNow(() -> { }, failure -> { });
    }

    // ---- state for the view

    public String draftId() {
        return draftId;
    }

    /** The live chatbot this draft will replace, if any. */
    public String editingChatbotId() {
        return editingChatbotId;
    }

    /** Says so when this draft changes a live chatbot; empty for a new one. */
    public ReadOnlyStringProperty editingProperty() {
        return editing.getReadOnlyProperty();
    }

    public BooleanExpression completeProperty(Step which) {
        return complete.get(which);
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty saveStatusProperty() {
        return autoSave.statusProperty();
    }

    public ReadOnlyObjectProperty<DraftAutoSave.State> saveStateProperty() {
        return autoSave.stateProperty();
    }

    /** Where the preview keeps its browser storage, when the studio gives one. */
    public java.util.Optional<java.nio.file.Path> previewStorage() {
        return navigation.previewStorage();
    }

    public ReadOnlyObjectProperty<PreviewPage> previewPageProperty() {
        return previewPage.getReadOnlyProperty();
    }

    /** Goes up each time the preview should reload to show saved changes. */
    public ReadOnlyIntegerProperty previewRevisionProperty() {
        return previewRevision.getReadOnlyProperty();
    }

    /** True from a saved change the preview shows until the preview is told to reload. */
    public ReadOnlyBooleanProperty previewOutdatedProperty() {
        return previewOutdated.getReadOnlyProperty();
    }

    public BasicStepViewModel basic() {
        return basic;
    }

    public KnowledgeStepViewModel knowledge() {
        return knowledge;
    }

    public InstructionsStepViewModel instructions() {
        return instructions;
    }

    public VariablesStepViewModel variables() {
        return variables;
    }

    public CustomizeStepViewModel customize() {
        return customize;
    }

    public DeployStepViewModel deploy() {
        return deploy;
    }
}

package io.parley.studio.home;

import io.parley.studio.page.Page;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One home-screen section: its list and whether the builder can create a new item yet (not
 * before the local server answers; its feature turns creating on with {@link #enable}).
 */
public final class SectionViewModel implements Page {

    private final HomeSection section;
    private final ObservableList<HomeItem> items = FXCollections.observableArrayList();
    private final BooleanBinding empty = Bindings.isEmpty(items);
    private final ReadOnlyBooleanWrapper createAvailable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper loadProblem = new ReadOnlyStringWrapper("");
    private Runnable createAction = () -> { };
    private Consumer<HomeItem> openAction = item -> { };

    public SectionViewModel(HomeSection section) {
        this.section = Objects.requireNonNull(section, "section");
    }

    public HomeSection section() {
        return section;
    }

    public String title() {
        return section.title();
    }

    public ObservableList<HomeItem> items() {
        return items;
    }

    public BooleanBinding emptyProperty() {
        return empty;
    }

    public ReadOnlyBooleanProperty createAvailableProperty() {
        return createAvailable.getReadOnlyProperty();
    }

    public boolean isCreateAvailable() {
        return createAvailable.get();
    }

    /** Turns the section on: its create button and opening an item of its list. */
    public void enable(Runnable create, Consumer<HomeItem> open) {
        this.createAction = Objects.requireNonNull(create, "create");
        this.openAction = Objects.requireNonNull(open, "open");
        createAvailable.set(true);
    }

    private java.util.function.Consumer<java.nio.file.Path> importAction;
    private final ReadOnlyBooleanWrapper importAvailable = new ReadOnlyBooleanWrapper(false);

    /** Also offers importing a file (a chatflow file); the view asks which one. */
    public void enableImport(java.util.function.Consumer<java.nio.file.Path> action) {
        this.importAction = Objects.requireNonNull(action, "action");
        importAvailable.set(true);
    }

    public ReadOnlyBooleanProperty importAvailableProperty() {
        return importAvailable.getReadOnlyProperty();
    }

    public void importFile(java.nio.file.Path file) {
        if (importAction != null && file != null) {
            importAction.accept(file);
        }
    }

    public void create() {
        if (isCreateAvailable()) {
            createAction.run();
        }
    }

    public void open(HomeItem item) {
        if (item != null) {
            openAction.accept(item);
        }
    }

    /** Replaces the list after a successful load. */
    public void show(List<HomeItem> loaded) {
        loadProblem.set("");
        items.setAll(loaded);
    }

    /** The list could not be loaded; the old rows stay, with this said above them. */
    public void loadFailed(String message) {
        loadProblem.set(message);
    }

    public ReadOnlyStringProperty loadProblemProperty() {
        return loadProblem.getReadOnlyProperty();
    }

    }

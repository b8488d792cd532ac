package io.parley.studio.home;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Objects;

/**
 * One home-screen section: its list and whether the builder can create a new item yet.
 * The server has no list or create endpoints for these yet, so the list stays empty and
 * creating is switched off with an honest reason rather than a pretend flow.
 */
public final class SectionViewModel {

    static final String NOT_YET_AVAILABLE = "arrives in a coming version of Parley Studio.";

    private final HomeSection section;
    private final ObservableList<HomeItem> items = FXCollections.observableArrayList();
    private final BooleanBinding empty = Bindings.isEmpty(items);
    private final ReadOnlyBooleanWrapper createAvailable = new ReadOnlyBooleanWrapper(false);

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

    /** Why the create button is switched off, for its tooltip and caption. */
    public String createUnavailableReason() {
        return "Creating " + section.title().toLowerCase(java.util.Locale.ROOT) + " " + NOT_YET_AVAILABLE;
    }
}

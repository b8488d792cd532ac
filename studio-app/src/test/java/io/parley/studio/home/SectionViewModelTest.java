package io.parley.studio.home;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SectionViewModelTest {

    @Test
    void startsEmptyWithCreatingSwitchedOffUntilItsFeatureTurnsItOn() {
        var section = new SectionViewModel(HomeSection.CHATFLOWS);

        assertThat(section.items()).isEmpty();
        assertThat(section.emptyProperty().get()).isTrue();
        assertThat(section.isCreateAvailable()).isFalse();
        section.create(); // does nothing, and does not fail
    }

    @Test
    void onceEnabledItCreatesOpensAndShowsWhatLoadingFound() {
        var section = new SectionViewModel(HomeSection.KNOWLEDGE_BASES);
        int[] created = {0};
        java.util.List<HomeItem> opened = new java.util.ArrayList<>();
        section.enable(() -> created[0]++, opened::add);

        section.create();
        section.show(java.util.List.of(new HomeItem("kb-1", "Help", "2 documents")));
        section.open(section.items().get(0));
        section.loadFailed("Could not load");

        assertThat(created[0]).isEqualTo(1);
        assertThat(opened).extracting(HomeItem::id).containsExactly("kb-1");
        assertThat(section.items()).hasSize(1); // a failed reload keeps what was shown
        assertThat(section.loadProblemProperty().get()).isEqualTo("Could not load");
    }

    @Test
    void isNoLongerEmptyOnceItHasItems() {
        var section = new SectionViewModel(HomeSection.CHATBOTS);

        section.items().add(new HomeItem("c-1", "Support bot", ""));

        assertThat(section.emptyProperty().get()).isFalse();
    }

    @Test
    void everySectionHasTheWordsItsEmptyStateNeeds() {
        for (HomeSection section : HomeSection.values()) {
            assertThat(section.title()).isNotBlank();
            assertThat(section.emptyTitle()).startsWith("No ").endsWith(" yet");
            assertThat(section.emptyDescription()).hasSizeGreaterThan(60);
            assertThat(section.createLabel()).startsWith("New ");
        }
        assertThat(HomeSection.KNOWLEDGE_BASES.id()).isEqualTo("knowledge-bases");
    }
}

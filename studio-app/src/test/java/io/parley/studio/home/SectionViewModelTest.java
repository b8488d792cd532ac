package io.parley.studio.home;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SectionViewModelTest {

    @Test
    void startsEmptyWithCreatingSwitchedOffForAnHonestReason() {
        var section = new SectionViewModel(HomeSection.KNOWLEDGE_BASES);

        assertThat(section.items()).isEmpty();
        assertThat(section.emptyProperty().get()).isTrue();
        assertThat(section.isCreateAvailable()).isFalse();
        assertThat(section.createUnavailableReason())
                .isEqualTo("Creating knowledge bases arrives in a coming version of Parley Studio.");
    }

    @Test
    void isNoLongerEmptyOnceItHasItems() {
        var section = new SectionViewModel(HomeSection.CHATBOTS);

        section.items().add(new HomeItem("c-1", "Support bot"));

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

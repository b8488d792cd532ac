package io.parley.server.kb.index;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.parley.server.kb.index.TestCorpus.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeywordSearchTest {

    @TempDir
    Path dir;
    KnowledgeIndex index;

    @BeforeEach
    void open() {
        index = TestCorpus.indexOf(dir, TestCorpus.handbook());
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void stemmingMatchesOtherFormsOfTheWord() {
        List<SearchHit> hits = index.search(SearchQuery.keyword("refunded", 3));

        assertThat(ids(hits)).first().isEqualTo("billing-1");
        assertThat(hits.getFirst().keywordScore()).isPositive();
        assertThat(hits.getFirst().vectorScore()).isNull();
    }

    @Test
    void moreMatchingRareTermsRankHigher() {
        List<SearchHit> hits = index.search(SearchQuery.keyword("ERR-4411 activation", 5));

        assertThat(ids(hits)).startsWith("err-1", "err-2");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
    }

    @Test
    void hitCarriesDocumentNamePageAndHeadings() {
        SearchHit hit = index.search(SearchQuery.keyword("refund", 1)).getFirst();

        assertThat(hit.documentName()).isEqualTo("Billing Guide");
        assertThat(hit.documentId()).isEqualTo("d-billing");
        assertThat(hit.page()).isEqualTo(3);
        assertThat(hit.headingPath()).containsExactly("Billing", "Refunds");
        assertThat(hit.position()).isZero();
        assertThat(hit.text()).startsWith("Refunds are issued");
    }

    @Test
    void bodyMatchOutranksDocumentNameOrHeadingMatch() {
        // "Billing" is in billing-2's document name only; a chunk saying "billing" in its text wins.
        index.addAll(List.of(TestCorpus.chunk("other-1", "d-other", "Notes", 0,
                "Billing questions go to the finance team.", TestCorpus.vec(TestCorpus.MONEY, 1))));
        index.refresh();

        List<SearchHit> hits = index.search(SearchQuery.keyword("billing", 5));

        assertThat(ids(hits)).first().isEqualTo("other-1");
        assertThat(ids(hits)).contains("billing-2"); // still found, through its document name
    }

    @Test
    void topKLimitsTheHits() {
        assertThat(index.search(SearchQuery.keyword("the", 5))).isEmpty(); // stop word only
        assertThat(index.search(SearchQuery.keyword("every week days month", 2))).hasSize(2);
        assertThat(index.search(SearchQuery.keyword("every week days month", 10)).size()).isGreaterThan(2);
    }

    @Test
    void thresholdIsRelativeToTheBestKeywordHit() {
        List<SearchHit> all = index.search(SearchQuery.keyword("ERR-4411 activation repair", 10));
        float best = all.getFirst().keywordScore();

        List<SearchHit> strong = index.search(SearchQuery.keyword("ERR-4411 activation repair", 10)
                .withThreshold(0.9f));

        assertThat(all.size()).isGreaterThan(1);
        assertThat(ids(strong)).containsExactly("err-1");
        assertThat(strong).allSatisfy(h -> assertThat(h.keywordScore()).isGreaterThanOrEqualTo(0.9f * best));
    }

    @Test
    void documentFilterRestrictsHits() {
        List<SearchHit> hits = index.search(SearchQuery.keyword("days", 10).withDocuments(Set.of("d-shipping")));

        assertThat(hits).isNotEmpty().allSatisfy(h -> assertThat(h.documentId()).isEqualTo("d-shipping"));
        assertThat(index.search(SearchQuery.keyword("days", 10).withDocuments(Set.of()))).isEmpty();
    }

    @Test
    void snippetHoldsTheQueryTerm() {
        SearchHit hit = index.search(SearchQuery.keyword("order number", 1)).getFirst();

        assertThat(hit.snippet()).contains("order number").hasSizeLessThanOrEqualTo(300);
    }

    @Test
    void queryTextIsNeverQuerySyntax() {
        assertThat(index.search(SearchQuery.keyword("password AND (\"login* OR -screen~", 3)))
                .extracting(SearchHit::chunkId).first().isEqualTo("sec-1");
    }

    @Test
    void blankQueryTextIsRefused() {
        assertThatThrownBy(() -> SearchQuery.keyword("   ", 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query text is empty");
        assertThatThrownBy(() -> SearchQuery.keyword(null, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchQuery.keyword("refund", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("top_k");
    }
}

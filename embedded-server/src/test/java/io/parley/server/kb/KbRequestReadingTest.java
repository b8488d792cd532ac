package io.parley.server.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.server.common.Json;
import io.parley.server.common.ParleyException;
import io.parley.server.kb.index.SearchQuery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The strict readers of knowledge-base requests and settings, without a server. */
@DisplayName("Knowledge-base requests and settings are read strictly")
class KbRequestReadingTest {

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.mapper().readTree(text.replace('\'', '"'));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void assertRefused(Runnable read, String field) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(ParleyException.class, e -> {
            assertThat(e.kind()).isEqualTo(ParleyException.Kind.INVALID_INPUT);
            assertThat(e.details().get("field")).as(e.getMessage()).isEqualTo(field);
        });
    }

    @Test
    @DisplayName("one parser reads both kinds of source, with defaults filled in")
    void sources() {
        SourceRequest text = SourceRequest.parse(json("{'type': 'text', 'text': 'Kettles boil.'}"));
        assertThat(text).isInstanceOfSatisfying(SourceRequest.PastedText.class, t -> {
            assertThat(t.title()).isEqualTo("Pasted text");
            assertThat(t.annotations().path("importance").asDouble()).isEqualTo(1.0);
        });
        SourceRequest url = SourceRequest.parse(json("{'type': 'url', 'url': 'https://example.com/a',"
                + " 'crawl': {'max_pages': 3}, 'annotations': {'importance': 2, 'tags': ['docs']}}"));
        assertThat(url).isInstanceOfSatisfying(SourceRequest.WebAddress.class, u -> {
            assertThat(u.url().toString()).isEqualTo("https://example.com/a");
            assertThat(u.crawl().toString()).isEqualTo("{\"max_pages\":3,\"max_depth\":2,\"same_site\":true}");
            assertThat(u.annotations().path("tags").toString()).isEqualTo("[\"docs\"]");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{'type': 5, 'text': 'x'}                                          | type",
            "{'type': 'file'}                                                  | type",
            "{'type': 'text', 'title': 5, 'text': 'x'}                         | title",
            "{'type': 'text', 'text': {'a': 1}}                                | text",
            "{'type': 'text', 'text': '  '}                                    | text",
            "{'type': 'url', 'url': 'ftp://example.com'}                       | url",
            "{'type': 'url', 'url': 'http://a.b/', 'crawl': 5}                 | crawl",
            "{'type': 'url', 'url': 'http://a.b/', 'crawl': {'max_pages': 3.5}} | crawl.max_pages",
            "{'type': 'url', 'url': 'http://a.b/', 'crawl': {'max_pages': '3'}} | crawl.max_pages",
            "{'type': 'url', 'url': 'http://a.b/', 'crawl': {'max_pages': 0}}   | crawl.max_pages",
            "{'type': 'url', 'url': 'http://a.b/', 'crawl': {'max_depth': true}} | crawl.max_depth",
            "{'type': 'url', 'url': 'http://a.b/', 'crawl': {'same_site': 1}}  | crawl.same_site",
            "{'type': 'text', 'text': 'x', 'annotations': [1]}                 | annotations",
            "{'type': 'text', 'text': 'x', 'annotations': {'note': 5}}         | annotations.note",
            "{'type': 'text', 'text': 'x', 'annotations': {'tags': [5]}}       | annotations.tags[0]",
            "{'type': 'text', 'text': 'x', 'annotations': {'importance': 9}}   | annotations.importance"})
    @DisplayName("a wrong source field is a 400 naming it")
    void badSources(String body, String field) {
        assertRefused(() -> SourceRequest.parse(json(body)), field);
    }

    @Test
    @DisplayName("retrieval_config: defaults, the search route's ranges, and nothing coerced")
    void retrieval() {
        assertThat(RetrievalSettings.read(null)).isEqualTo(RetrievalSettings.defaults());
        RetrievalSettings read = RetrievalSettings.read(
                json("{'top_k': 7, 'search_method': 'keyword', 'threshold': 0.2}"));
        assertThat(read).isEqualTo(new RetrievalSettings(7, SearchQuery.Method.KEYWORD, 0.2));
        assertThat(read.toJson().toString()).isEqualTo("{\"search_method\":\"keyword\",\"top_k\":7,\"threshold\":0.2}");
        assertRefused(() -> RetrievalSettings.read(json("{'top_k': 0}")), "retrieval_config.top_k");
        assertRefused(() -> RetrievalSettings.read(json("{'top_k': 51}")), "retrieval_config.top_k");
        assertRefused(() -> RetrievalSettings.read(json("{'top_k': 2.5}")), "retrieval_config.top_k");
        assertRefused(() -> RetrievalSettings.read(json("{'search_method': 'psychic'}")),
                "retrieval_config.search_method");
        assertRefused(() -> RetrievalSettings.read(json("{'search_method': 5}")), "retrieval_config.search_method");
        assertRefused(() -> RetrievalSettings.read(json("{'threshold': 1.5}")), "retrieval_config.threshold");
        assertRefused(() -> RetrievalSettings.read(json("{'threshold': '0.5'}")), "retrieval_config.threshold");
        assertRefused(() -> RetrievalSettings.read(Json.mapper().getNodeFactory().numberNode(5)), "retrieval_config");
    }

    @Test
    @DisplayName("a draft save is checked for the settings it touches, against the merged document")
    void draftSaves() {
        ObjectNode saved = json("{'name': 'x', 'retrieval_config': {'top_k': 0}}");
        // an unrelated save does not trip over a setting stored before saves were checked
        KbSettings.checkSave(json("{'description': 'd'}"), saved);
        assertRefused(() -> KbSettings.checkSave(json("{'retrieval_config': {'search_method': 'vector'}}"), saved),
                "retrieval_config.top_k");
        assertRefused(() -> KbSettings.checkSave(json("{'chunking_config': {'chunk_size': 5}}"),
                json("{'chunking_config': {'chunk_size': 5}}")), "chunking_config.chunk_size");
        assertRefused(() -> KbSettings.checkSave(json("{'chunking_config': 'fixed'}"),
                json("{'chunking_config': 'fixed'}")), "chunking_config");
        assertRefused(() -> KbSettings.checkSave(json("{'embedding_config': {'model': 5}}"),
                json("{'embedding_config': {'model': 5}}")), "embedding_config.model");
        assertRefused(() -> KbSettings.checkSave(json("{'embedding_config': {'model': 'gpt-9'}}"),
                json("{'embedding_config': {'model': 'gpt-9'}}")), "embedding_config.model");
        KbSettings.checkSave(json("{'chunking_config': {'strategy': 'fixed', 'chunk_size': 128}}"),
                json("{'chunking_config': {'strategy': 'fixed', 'chunk_size': 128}}"));
    }

    @Test
    @DisplayName("validate reports every setting finalize could not use, instead of replacing it with a default")
    void validation() {
        JsonNode source = json("{'id': 's', 'type': 'text', 'name': 'n'}");
        ObjectNode data = json("{'name': 'KB', 'embedding_config': 'bge', 'chunking_config': 5,"
                + " 'retrieval_config': {'top_k': 0, 'search_method': 'psychic'}}");
        data.putArray("sources").add(source);
        KbValidation.Result result = KbValidation.validate(data);
        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).extracting(KbValidation.Issue::field)
                .containsExactly("embedding_config", "chunking_config", "retrieval_config.top_k");
    }

    @Test
    @DisplayName("document annotations: the object form, the older top-level form, and no null")
    void annotations() {
        assertThat(KbRequests.AnnotateRequest.parse(json("{'annotations': {'importance': 2}}")).path("importance")
                .asDouble()).isEqualTo(2.0);
        assertThat(KbRequests.AnnotateRequest.parse(json("{'tags': ['a']}")).path("tags").toString())
                .isEqualTo("[\"a\"]");
        assertRefused(() -> KbRequests.AnnotateRequest.parse(json("{'annotations': null}")), "annotations");
        assertRefused(() -> KbRequests.AnnotateRequest.parse(json("{'annotations': {'note': false}}")),
                "annotations.note");
        assertRefused(() -> Annotations.parse("{not json"), "annotations");
        assertRefused(() -> Annotations.parse("{\"importance\": \"high\"}"), "annotations.importance");
    }

    @Test
    @DisplayName("PATCH kb/{id}: a null name is refused, a null description clears it")
    void updates() {
        assertRefused(() -> KbRequests.UpdateRequest.parse(json("{'name': null}")), "name");
        assertRefused(() -> KbRequests.UpdateRequest.parse(json("{'name': 5}")), "name");
        assertRefused(() -> KbRequests.UpdateRequest.parse(json("{'retrieval_config': [1]}")), "retrieval_config");
        assertThat(KbRequests.UpdateRequest.parse(json("{'description': null}")).description()).isEmpty();
        assertThat(KbRequests.UpdateRequest.parse(json("{}")).name()).isNull();
    }
}

package io.parley.server.kb.chunk;

import io.parley.server.kb.parse.ParsedDocument;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.parley.server.kb.chunk.ChunkAssertions.assertCovers;
import static io.parley.server.kb.chunk.ChunkAssertions.chunk;
import static io.parley.server.kb.chunk.ChunkAssertions.source;
import static org.assertj.core.api.Assertions.assertThat;

class ParentChildChunkingTest {

    private final ParsedDocument doc = Documents.parse("long.md", Documents.markdown(11, 10));
    private final List<ChunkDraft> chunks = chunk(doc, ChunkingSettings.parentChild(256, 48, 12));
    private final List<ChunkDraft> parents = chunks.stream().filter(c -> c.role() == ChunkDraft.Role.PARENT).toList();
    private final List<ChunkDraft> children = chunks.stream().filter(c -> c.role() == ChunkDraft.Role.CHILD).toList();

    @Test
    void onlyChildrenAreSearchedAndEachPointsAtTheParentHoldingIt() {
        assertThat(parents).hasSizeGreaterThan(3).noneMatch(ChunkDraft::searchable);
        assertThat(children).hasSizeGreaterThan(parents.size() * 3).allMatch(ChunkDraft::searchable);
        assertThat(chunks).allMatch(c -> c.role() != ChunkDraft.Role.CHUNK);
        for (ChunkDraft child : children) {
            ChunkDraft parent = chunks.get(child.parentPosition());
            assertThat(parent.role()).isEqualTo(ChunkDraft.Role.PARENT);
            assertThat(parent.position()).isLessThan(child.position());
            assertThat(child.startOffset()).isGreaterThanOrEqualTo(parent.startOffset());
            assertThat(child.endOffset()).isLessThanOrEqualTo(parent.endOffset());
            assertThat(parent.text()).contains(child.text());
            assertThat(child.text()).isEqualTo(source(doc, child));
        }
    }

    @Test
    void parentsTileTheDocumentWithoutOverlapAndChildrenTileTheirParent() {
        for (int i = 1; i < parents.size(); i++) {
            assertThat(parents.get(i).startOffset()).isGreaterThanOrEqualTo(parents.get(i - 1).endOffset());
        }
        assertCovers(doc, parents, true);
        Map<Integer, List<ChunkDraft>> byParent = children.stream()
                .collect(Collectors.groupingBy(ChunkDraft::parentPosition));
        assertThat(byParent.keySet()).hasSize(parents.size());
        byParent.forEach((parent, kids) -> {
            assertThat(kids.getFirst().startOffset()).isEqualTo(chunks.get(parent).startOffset());
            assertThat(kids.getLast().endOffset()).isEqualTo(chunks.get(parent).endOffset());
            for (int i = 1; i < kids.size(); i++) {
                assertThat(kids.get(i).startOffset()).as("children overlap")
                        .isLessThanOrEqualTo(kids.get(i - 1).endOffset());
            }
        });
    }

    @Test
    void childrenStayWithinTheChildSizeAndParentsWithinTheChunkSize() {
        assertThat(children).allSatisfy(c -> assertThat(c.tokenCount()).isLessThanOrEqualTo(48));
        assertThat(parents).allSatisfy(c -> assertThat(c.tokenCount()).isLessThanOrEqualTo(256));
        assertThat(parents.stream().mapToInt(ChunkDraft::tokenCount).average().orElseThrow()).isGreaterThan(150);
    }
}

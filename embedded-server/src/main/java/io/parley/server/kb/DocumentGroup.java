package io.parley.server.kb;

import io.parley.server.kb.chunk.ChunkDraft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Documents parsed and cut into chunks, gathered until there are enough chunks to embed them
 * together and commit them to the index once ({@link DocumentGroupWriter}). One document at a
 * time made many small embedding calls, each padded to its longest text, and a commit (an fsync)
 * per document: on Cranfield's short documents that cost nearly half the throughput with
 * bge-small and three quarters with MiniLM-q (see decision 002).
 */
final class DocumentGroup {

    /**
     * Chunks that close a group. The embedder sorts a call's texts by length before it cuts them
     * into model runs, so a wide call pads little; 256 is the window of {@code CorpusIndexer}, which
     * reached 0.8–0.9 of bare embedding throughput with it (see {@code IngestionBenchmark}), and it
     * keeps the work a crash can lose, and the wait for the first search results, to seconds.
     */
    static final int TARGET_CHUNKS = 256;

    /** Documents that close a group even when they have few chunks, so ready states keep coming. */
    static final int MAX_DOCUMENTS = 256;

    /** One document of the group: its searchable chunks, and the parents' text they answer with. */
    record Member(KbDocument document, List<ChunkDraft> searchable, Map<Integer, String> parentText) {

        static Member of(KbDocument document, List<ChunkDraft> drafts) {
            Map<Integer, String> parentText = new HashMap<>();
            List<ChunkDraft> searchable = new ArrayList<>();
            for (ChunkDraft d : drafts) {
                if (d.searchable()) {
                    searchable.add(d);
                } else {
                    parentText.put(d.position(), d.text());
                }
            }
            return new Member(document, List.copyOf(searchable), Map.copyOf(parentText));
        }
    }

    private final List<Member> members = new ArrayList<>();
    private int chunks;

    void add(Member member) {
        members.add(member);
        chunks += member.searchable().size();
    }

    boolean full() {
        return chunks >= TARGET_CHUNKS || members.size() >= MAX_DOCUMENTS;
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    List<Member> members() {
        return List.copyOf(members);
    }

    int chunkCount() {
        return chunks;
    }

    void clear() {
        members.clear();
        chunks = 0;
    }
}

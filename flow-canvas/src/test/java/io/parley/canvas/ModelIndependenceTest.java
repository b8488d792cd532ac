package io.parley.canvas;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The model, its commands and the layout run without JavaFX, so they are tested (and reused) without a screen. */
class ModelIndependenceTest {

    @Test
    void modelCommandsAndLayoutDoNotUseJavaFx() throws IOException {
        for (String pkg : List.of("model", "command", "layout")) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/parley/canvas", pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    assertThat(Files.readString(f)).as(f.toString()).doesNotContain("javafx.").doesNotContain("io.parley.server")
                            .doesNotContain("io.parley.studio");
                }
            }
        }
    }
}

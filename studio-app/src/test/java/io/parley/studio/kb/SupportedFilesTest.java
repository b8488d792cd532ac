package io.parley.studio.kb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SupportedFilesTest {

    @TempDir
    Path dir;

    @Test
    void aDroppedFolderAddsItsReadableFilesInNameOrderAndSkipsHiddenOnes() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("b.md"), "b");
        Files.writeString(docs.resolve("a.PDF"), "a");
        Files.writeString(docs.resolve("notes.exe"), "x");
        Files.writeString(Files.createDirectories(docs.resolve("sub")).resolve("c.txt"), "c");
        Files.writeString(Files.createDirectories(docs.resolve(".git")).resolve("d.txt"), "d");
        Files.writeString(docs.resolve(".hidden.md"), "e");
        Path single = Files.writeString(dir.resolve("odd.xyz"), "z");

        List<Path> files = SupportedFiles.expand(List.of(docs, single));

        assertThat(files).containsExactly(docs.resolve("a.PDF"), docs.resolve("b.md"),
                docs.resolve("sub").resolve("c.txt"), single); // a file picked by hand is sent as is
    }

    @Test
    void knowsTheFormatsTheServerReads() {
        assertThat(SupportedFiles.supported(Path.of("Manual.DOCX"))).isTrue();
        assertThat(SupportedFiles.supported(Path.of("photo.jpg"))).isFalse();
        assertThat(SupportedFiles.supported(Path.of("README"))).isFalse();
    }
}

package io.parley.studio;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StudioOptionsTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void defaultsToDotParleyInTheHomeFolder() {
        StudioOptions options = StudioOptions.parse(List.of(), Map.of(), HOME);

        assertThat(options.dataDir()).isEqualTo(Path.of("/home/ada/.parley"));
        assertThat(options.showHelp()).isFalse();
    }

    @Test
    void environmentVariableBeatsTheDefault() {
        StudioOptions options = StudioOptions.parse(List.of(), Map.of("PARLEY_DATA_DIR", "/srv/parley"), HOME);

        assertThat(options.dataDir()).isEqualTo(Path.of("/srv/parley"));
    }

    @Test
    void flagBeatsTheEnvironment() {
        Map<String, String> env = Map.of("PARLEY_DATA_DIR", "/srv/parley");

        assertThat(StudioOptions.parse(List.of("--data-dir", "/tmp/a"), env, HOME).dataDir())
                .isEqualTo(Path.of("/tmp/a"));
        assertThat(StudioOptions.parse(List.of("--data-dir=/tmp/b"), env, HOME).dataDir())
                .isEqualTo(Path.of("/tmp/b"));
    }

    @Test
    void expandsTildeWhereNoShellDid() {
        assertThat(StudioOptions.parse(List.of("--data-dir=~/work/parley"), Map.of(), HOME).dataDir())
                .isEqualTo(Path.of("/home/ada/work/parley"));
        assertThat(StudioOptions.parse(List.of(), Map.of("PARLEY_DATA_DIR", "~"), HOME).dataDir())
                .isEqualTo(HOME);
    }

    @Test
    void relativeFoldersBecomeAbsolute() {
        assertThat(StudioOptions.parse(List.of("--data-dir", "data"), Map.of(), HOME).dataDir()).isAbsolute();
    }

    @Test
    void blankEnvironmentVariableIsIgnored() {
        assertThat(StudioOptions.parse(List.of(), Map.of("PARLEY_DATA_DIR", "  "), HOME).dataDir())
                .isEqualTo(Path.of("/home/ada/.parley"));
    }

    @Test
    void rejectsUnknownFlagsAndMissingValues() {
        assertThatThrownBy(() -> StudioOptions.parse(List.of("--port", "8080"), Map.of(), HOME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option: --port");
        assertThatThrownBy(() -> StudioOptions.parse(List.of("--data-dir"), Map.of(), HOME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--data-dir needs a folder");
        assertThatThrownBy(() -> StudioOptions.parse(List.of("--data-dir="), Map.of(), HOME))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recognisesHelp() {
        assertThat(StudioOptions.parse(List.of("--help"), Map.of(), HOME).showHelp()).isTrue();
    }
}

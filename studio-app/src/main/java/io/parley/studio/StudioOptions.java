package io.parley.studio;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the studio was asked to do at launch. The data folder comes from, first match wins:
 * {@code --data-dir DIR} (or {@code --data-dir=DIR}), the {@code PARLEY_DATA_DIR} environment
 * variable, then {@code ~/.parley}.
 *
 * @param dataDir  where the embedded server keeps its database, keys and indexes
 * @param showHelp whether the user asked for usage text instead of a window
 */
public record StudioOptions(Path dataDir, boolean showHelp) {

    public static final String DATA_DIR_ENV = "PARLEY_DATA_DIR";
    public static final String USAGE = """
            Usage: parley-studio [--data-dir DIR]

              --data-dir DIR   folder for Parley's data (default: $PARLEY_DATA_DIR, else ~/.parley)
              --help           show this text
            """;

    public StudioOptions {
        Objects.requireNonNull(dataDir, "dataDir");
    }

    public static StudioOptions forDataDir(Path dataDir) {
        return new StudioOptions(dataDir, false);
    }

    /**
     * @param args        command-line arguments
     * @param environment the process environment (a parameter so tests need not change it)
     * @param userHome    the user's home folder
     * @throws IllegalArgumentException for an unknown flag or a missing value, with a message for the user
     */
    public static StudioOptions parse(List<String> args, Map<String, String> environment, Path userHome) {
        String dataDir = null;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.equals("--data-dir")) {
                if (i + 1 >= args.size() || args.get(i + 1).isBlank()) {
                    throw new IllegalArgumentException("--data-dir needs a folder, for example --data-dir ~/parley-data");
                }
                dataDir = args.get(++i);
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = arg.substring("--data-dir=".length());
                if (dataDir.isBlank()) {
                    throw new IllegalArgumentException("--data-dir needs a folder, for example --data-dir ~/parley-data");
                }
            } else {
                throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        if (dataDir == null) {
            String fromEnv = environment.get(DATA_DIR_ENV);
            dataDir = fromEnv == null || fromEnv.isBlank() ? "~/.parley" : fromEnv.trim();
        }
        return new StudioOptions(expandHome(dataDir, userHome).toAbsolutePath().normalize(), help);
    }

    // A shell expands "~" itself, but not inside "--data-dir=~/x" nor in the environment variable.
    private static Path expandHome(String path, Path userHome) {
        if (path.equals("~")) {
            return userHome;
        }
        if (path.startsWith("~/")) {
            return userHome.resolve(path.substring(2));
        }
        return Path.of(path);
    }
}

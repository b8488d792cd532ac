package io.parley.studio;

import javafx.application.Application;

import java.nio.file.Path;
import java.util.List;

/**
 * Starts Parley Studio. A plain class on purpose: when JavaFX sits on the class path rather
 * than the module path, the launcher refuses a main class that extends {@link Application}.
 */
public final class StudioMain {

    private StudioMain() {
    }

    public static void main(String[] args) {
        StudioOptions options;
        try {
            // Parsed here too so a typo fails fast with usage text, before any window opens.
            options = StudioOptions.parse(List.of(args), System.getenv(), Path.of(System.getProperty("user.home")));
        } catch (IllegalArgumentException e) {
            System.err.println("parley-studio: " + e.getMessage());
            System.err.print(StudioOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.showHelp()) {
            System.out.print(StudioOptions.USAGE);
            return;
        }
        Application.launch(ParleyStudioApp.class, args);
    }
}

package io.parley.server.channel;

import java.nio.file.Path;

/** Where the browser tests leave their screenshots, for people to look at. */
final class WidgetScreens {

    private WidgetScreens() {
    }

    static Path path(String name) {
        return Path.of("target", "screenshots", "widget-" + name + ".png");
    }
}

package io.parley.studio.testsupport;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.fail;

/** Window tests open real windows; without a display they fail at once with what to do. */
public final class RealDisplay {

    private RealDisplay() {
    }

    public static void require() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        if (linux && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            fail("This test opens a real window and needs a display: run the build under xvfb-run -a "
                    + "(Debian packages xvfb and libgtk-3-0).");
        }
    }
}

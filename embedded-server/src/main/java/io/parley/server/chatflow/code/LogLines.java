package io.parley.server.chatflow.code;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox's {@code console} output, kept on the host side so that it survives a cancelled run.
 * A proxy is the only host object a run can reach, and it takes one string and returns nothing.
 */
final class LogLines implements ProxyExecutable {

    static final int MAX_LINES = 200;
    static final int MAX_LINE_CHARS = 2_000;

    private final List<String> lines = new ArrayList<>();
    private int dropped;

    @Override
    public synchronized Object execute(Value... arguments) {
        if (lines.size() < MAX_LINES) {
            lines.add(arguments.length > 0 && arguments[0].isString() ? arguments[0].asString() : "");
        } else {
            dropped++;
        }
        return null;
    }

    synchronized List<String> snapshot() {
        if (dropped == 0) {
            return List.copyOf(lines);
        }
        List<String> all = new ArrayList<>(lines);
        all.add("(" + dropped + " more line" + (dropped == 1 ? "" : "s") + " not kept)");
        return List.copyOf(all);
    }
}

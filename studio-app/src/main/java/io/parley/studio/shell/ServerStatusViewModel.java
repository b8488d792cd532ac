package io.parley.studio.shell;

import io.parley.studio.api.Readiness;
import io.parley.studio.runtime.StartupProblem;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.net.URI;
import java.nio.file.Path;

/**
 * The server's state: one line for the status bar, where the data lives, and, when something is
 * wrong, the full explanation for the banner above the content.
 */
public final class ServerStatusViewModel {

    static final String DATABASE_CHECK = "database";

    private final ReadOnlyObjectWrapper<ServerState> state = new ReadOnlyObjectWrapper<>(ServerState.STOPPED);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Server not started");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper dataFolder;
    private final BooleanBinding canRetry = Bindings.equal(ServerState.FAILED, state.getReadOnlyProperty());

    ServerStatusViewModel(Path dataDir) {
        this.dataFolder = new ReadOnlyStringWrapper("Data folder: " + dataDir);
    }

    void starting() {
        set(ServerState.STARTING, "Starting server…");
    }

    void connected(URI baseUri, String databaseName, Readiness readiness) {
        boolean databaseUp = readiness.check(DATABASE_CHECK).map(Readiness.Check::isUp).orElse(readiness.isUp());
        if (readiness.isUp() && databaseUp) {
            set(ServerState.RUNNING, "Server running · " + baseUri + " · database " + databaseName + " ready");
        } else {
            String down = String.join(", ", readiness.checks().stream().filter(c -> !c.isUp())
                    .map(c -> switch (c.name()) {
                        case "indexes" -> "a knowledge base's search index is missing (/health/ready says which)";
                        case "models" -> "an embedding model is missing or failed to load";
                        default -> c.name();
                    }).filter(n -> !n.equals(DATABASE_CHECK)).toList());
            set(ServerState.NOT_READY, "Server running · " + baseUri + " · database " + databaseName
                    + (!databaseUp ? " not ready" : down.isEmpty() ? " ready, but the server is not ready yet"
                    : " ready, but " + down));
        }
    }

    void failed(StartupProblem startupProblem) {
        problem.set(startupProblem.explanation());
        set(ServerState.FAILED, startupProblem.summary());
    }

    void stopped() {
        set(ServerState.STOPPED, "Server stopped");
    }

    private void set(ServerState newState, String newMessage) {
        if (newState != ServerState.FAILED) {
            problem.set("");
        }
        message.set(newMessage);
        state.set(newState);
    }

    public ReadOnlyObjectProperty<ServerState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ServerState getState() {
        return state.get();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public String getMessage() {
        return message.get();
    }

    /** What went wrong and what to do, or empty while nothing is wrong. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public String getProblem() {
        return problem.get();
    }

    public ReadOnlyStringProperty dataFolderProperty() {
        return dataFolder.getReadOnlyProperty();
    }

    /** True after a failed start: the window then offers "Try again". */
    public BooleanBinding canRetryProperty() {
        return canRetry;
    }
}

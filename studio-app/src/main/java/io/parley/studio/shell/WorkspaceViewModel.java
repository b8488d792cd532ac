package io.parley.studio.shell;

import io.parley.studio.api.CurrentUser;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The sidebar's "where am I": current workspace, its organization, and who is signed in. */
public final class WorkspaceViewModel {

    private final ReadOnlyStringWrapper workspaceName = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper organizationName = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper userName = new ReadOnlyStringWrapper("");

    void show(CurrentUser me) {
        CurrentUser.Workspace workspace = me.defaultWorkspace();
        workspaceName.set(workspace == null ? "No workspace" : workspace.name());
        organizationName.set(workspace == null ? "" : workspace.organizationName());
        userName.set(me.user() == null ? "" : me.user().name());
    }

    void connecting() {
        workspaceName.set("Connecting…");
        organizationName.set("");
        userName.set("");
    }

    void notConnected() {
        workspaceName.set("Not connected");
        organizationName.set("");
        userName.set("");
    }

    public ReadOnlyStringProperty workspaceNameProperty() {
        return workspaceName.getReadOnlyProperty();
    }

    public String getWorkspaceName() {
        return workspaceName.get();
    }

    public ReadOnlyStringProperty organizationNameProperty() {
        return organizationName.getReadOnlyProperty();
    }

    public String getOrganizationName() {
        return organizationName.get();
    }

    public ReadOnlyStringProperty userNameProperty() {
        return userName.getReadOnlyProperty();
    }

    public String getUserName() {
        return userName.get();
    }
}

package io.parley.server.auth;

import io.parley.server.tenancy.OrganizationView;
import io.parley.server.tenancy.WorkspaceView;

import java.util.List;

/** The signed-in user, the workspace their requests go to by default, and their organizations. */
public record MeResponse(User user, WorkspaceView defaultWorkspace, List<OrganizationView> organizations) {
}

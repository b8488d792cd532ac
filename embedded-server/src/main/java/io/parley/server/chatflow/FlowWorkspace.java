package io.parley.server.chatflow;

import io.parley.server.chatbot.ChatbotStore;
import io.parley.server.chatflow.run.FlowValidation;
import io.parley.server.credential.CredentialService;
import io.parley.server.kb.KbSearch;

/** What validation looks up in a flow's workspace: knowledge bases, credentials, other chatflows. */
final class FlowWorkspace {

    private final KbSearch knowledge;
    private final CredentialService credentials;
    private final ChatbotStore chatflows;

    FlowWorkspace(KbSearch knowledge, CredentialService credentials, ChatbotStore chatflows) {
        this.knowledge = knowledge;
        this.credentials = credentials;
        this.chatflows = chatflows;
    }

    FlowValidation.Workspace of(String workspaceId) {
        return new FlowValidation.Workspace() {
            @Override
            public boolean knowledgeBase(String id) {
                return knowledge.nameInWorkspace(workspaceId, id).isPresent();
            }

            @Override
            public boolean credentialId(String id) {
                return credentials.find(workspaceId, id).isPresent();
            }

            @Override
            public boolean credentialName(String name) {
                return credentials.idByName(workspaceId, name).isPresent();
            }

            @Override
            public boolean chatflow(String id) {
                return io.parley.server.common.Ids.looksLikeId(id)
                        && chatflows.find(id).filter(f -> f.workspaceId().equals(workspaceId)).isPresent();
            }
        };
    }
}

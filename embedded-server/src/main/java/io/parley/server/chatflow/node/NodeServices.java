package io.parley.server.chatflow.node;

import io.parley.server.chatflow.code.CodeSandbox;
import io.parley.server.chatflow.http.HttpCaller;
import io.parley.server.credential.CredentialService;
import io.parley.server.inference.ModelResolver;
import io.parley.server.kb.KbSearch;

/** The parts of Parley that nodes call: knowledge search, models, credentials, handoffs, other flows, HTTP, code. */
public record NodeServices(KbSearch knowledge, ModelResolver models, CredentialService credentials, Handoffs handoffs,
                           SubFlows subflows, HttpCaller http, CodeSandbox code) {
}

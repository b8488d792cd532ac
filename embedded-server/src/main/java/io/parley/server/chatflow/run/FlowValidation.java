package io.parley.server.chatflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.chatflow.graph.FlowDocument;
import io.parley.server.chatflow.graph.FlowEdge;
import io.parley.server.chatflow.graph.FlowNode;
import io.parley.server.chatflow.node.NodeChecks;
import io.parley.server.chatflow.node.NodeType;
import io.parley.server.chatflow.node.NodeTypes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code validate} for flows, node by node. Errors (deploy refuses them): no trigger, nothing
 * reachable that answers or asks, connections to or from missing nodes or handles, unknown node
 * types, a node's missing or bad settings, a condition with no else path, a cycle that no question
 * or loop guards, references to unknown variables, nodes, knowledge bases or credentials.
 * Warnings: nodes nothing leads to, HTTP calls without an error path, secrets typed into settings,
 * timeouts outside 1–120 s.
 */
public final class FlowValidation {

    /** What the flow's workspace holds, for the checks that look outside the flow. */
    public interface Workspace {
        boolean knowledgeBase(String id);

        boolean credentialId(String id);

        boolean credentialName(String name);

        boolean chatflow(String id);
    }

    public record Result(boolean valid, List<FlowIssue> errors, List<FlowIssue> warnings) {
    }

    private static final Set<String> SCOPES_OPEN = Set.of("user", "context", "local", "temp");
    private static final Pattern SECRET_LIKE = Pattern.compile(
            "(sk-[A-Za-z0-9_-]{16,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}|xox[bpas]-[A-Za-z0-9-]{10,}"
                    + "|(?i:bearer)\\s+[A-Za-z0-9._~+/-]{20,}=*)");

    private final NodeTypes types;
    private final ReferenceReader references;

    public FlowValidation(NodeTypes types, ReferenceReader references) {
        this.types = types;
        this.references = references;
    }

    public Result validate(FlowDocument flow, Workspace workspace) {
        List<FlowIssue> errors = new ArrayList<>();
        List<FlowIssue> warnings = new ArrayList<>();
        Map<String, FlowNode> nodes = flow.nodesById();
        Wiring wiring = new Wiring(flow, types);
        List<FlowNode> triggers = flow.nodes().stream().filter(n -> n.type().equals("trigger")).toList();
        if (triggers.isEmpty()) {
            errors.add(new FlowIssue(null, "nodes", "Add a trigger node: it is where every conversation starts"));
        } else if (triggers.size() > 1) {
            triggers.stream().skip(1).forEach(t -> errors.add(new FlowIssue(t.id(), "type",
                    "A flow has one trigger; remove this one or turn it into another node")));
        }
        checkEdges(flow, nodes, wiring, errors, warnings);

        // variables: the flow's own, and those nodes write
        Set<String> written = new HashSet<>();
        flow.variables().fieldNames().forEachRemaining(v -> written.add("vars." + v));
        Map<String, List<Pending>> pendingRefs = new HashMap<>();
        for (FlowNode node : flow.nodes()) {
            NodeType type = types.find(node.type()).orElse(null);
            if (type == null) {
                errors.add(new FlowIssue(node.id(), "type", "Unknown node type '" + node.type() + "'; use one of "
                        + String.join(", ", types.names())));
                continue;
            }
            Checks checks = new Checks(node, flow, workspace, errors, warnings, written, pendingRefs);
            type.check(node, checks);
            secretsTyped(node, node.data(), "data", warnings);
        }
        for (var e : pendingRefs.entrySet()) {
            for (Pending p : e.getValue()) {
                checkRef(p, nodes, written, workspace, errors);
            }
        }
        if (!triggers.isEmpty()) {
            Set<String> reachable = reachable(triggers.get(0), wiring, flow);
            for (FlowNode n : flow.nodes()) {
                if (!reachable.contains(n.id()) && !n.type().equals("trigger")) {
                    warnings.add(new FlowIssue(n.id(), null, "Nothing leads to this node, so it never runs"));
                }
            }
            boolean answers = reachable.stream().map(nodes::get).anyMatch(n -> types.find(n.type())
                    .map(t -> t.responds() || t.waitsForInput()).orElse(false));
            if (!answers) {
                errors.add(new FlowIssue(null, "nodes", "No response or question can be reached from the trigger: "
                        + "the visitor would get no answer"));
            }
        }
        checkCycles(flow, wiring, errors);
        return new Result(errors.isEmpty(), List.copyOf(errors), List.copyOf(warnings));
    }

    private void checkEdges(FlowDocument flow, Map<String, FlowNode> nodes, Wiring wiring, List<FlowIssue> errors,
                            List<FlowIssue> warnings) {
        Set<String> seen = new HashSet<>();
        for (FlowEdge e : flow.edges()) {
            FlowNode source = nodes.get(e.source());
            if (source == null || !nodes.containsKey(e.target())) {
                errors.add(new FlowIssue(source == null ? null : source.id(), "edges." + e.id(), "The connection '" + e.id()
                        + "' links to a node that does not exist ('" + (source == null ? e.source() : e.target()) + "')"));
                continue;
            }
            String handle = wiring.handleOf(e);
            List<String> handles = types.find(source.type()).map(t -> t.handles(source)).orElse(null);
            if (handles != null && !handle.equals(FlowEdge.ERROR) && !handles.contains(handle)) {
                errors.add(new FlowIssue(source.id(), "edges." + e.id(), handles.isEmpty()
                        ? "A " + source.type() + " node ends the turn: nothing can follow it (except an error path)"
                        : "The connection '" + e.id() + "' leaves by '" + handle + "', which this node does not have ("
                        + String.join(", ", handles) + ")"));
            }
            if (!seen.add(e.source() + "\u0000" + handle)) {
                warnings.add(new FlowIssue(source.id(), "edges." + e.id(), "Two connections leave by '" + handle
                        + "': only the first is followed"));
            }
        }
        for (FlowNode node : flow.nodes()) {
            if (node.type().equals("condition")) {
                String elseHandle = node.data().has("condition") ? "false" : "else";
                if (wiring.edges(node, elseHandle).isEmpty()) {
                    errors.add(new FlowIssue(node.id(), "edges", "Connect this condition's '" + elseHandle
                            + "' path: it is taken when no branch matches"));
                }
            }
            if (node.type().equals("http") && wiring.edges(node, FlowEdge.ERROR).isEmpty()) {
                warnings.add(new FlowIssue(node.id(), "edges", "No error path: when the call fails the visitor gets the "
                        + "flow's fallback message"));
            }
        }
    }

    private static Set<String> reachable(FlowNode trigger, Wiring wiring, FlowDocument flow) {
        Set<String> seen = new LinkedHashSet<>();
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(trigger.id()));
        while (!queue.isEmpty()) {
            String id = queue.poll();
            if (seen.add(id)) {
                flow.outgoing(id).forEach(e -> queue.add(e.target()));
            }
        }
        seen.retainAll(flow.nodesById().keySet());
        return seen;
    }

    /** Strongly connected components (Tarjan): a cycle must pass through a question or a loop. */
    private void checkCycles(FlowDocument flow, Wiring wiring, List<FlowIssue> errors) {
        Map<String, FlowNode> nodes = flow.nodesById();
        Map<String, List<String>> next = new HashMap<>();
        for (FlowEdge e : flow.edges()) {
            if (nodes.containsKey(e.source()) && nodes.containsKey(e.target())) {
                next.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e.target());
            }
        }
        new Tarjan(next, nodes.keySet()).components().forEach(component -> {
            boolean cycle = component.size() > 1 || next.getOrDefault(component.get(0), List.of()).contains(component.get(0));
            Predicate<String> guard = id -> {
                String t = nodes.get(id).type();
                return t.equals("loop") || types.find(t).map(NodeType::waitsForInput).orElse(false);
            };
            if (cycle && component.stream().noneMatch(guard)) {
                errors.add(new FlowIssue(component.get(0), null, "These nodes form a loop that never waits for the visitor "
                        + "and is not a loop node: " + String.join(" → ", component) + ". Add a question or use a loop node"));
            }
        });
    }

    private record Pending(String nodeId, String field, Ref ref) {
    }

    private void checkRef(Pending p, Map<String, FlowNode> nodes, Set<String> written, Workspace workspace,
                          List<FlowIssue> errors) {
        Ref ref = p.ref();
        switch (ref.kind()) {
            case INPUT -> { }
            case SECRET -> {
                if (!workspace.credentialName(ref.head())) {
                    errors.add(new FlowIssue(p.nodeId(), p.field(), "No credential is called '" + ref.head()
                            + "': add it under Models & credentials, or fix {{secret:" + ref.head() + "}}"));
                }
            }
            case SCOPE -> {
                if (ref.head().equals("vars") && !ref.path().isEmpty() && !written.contains("vars." + ref.path().get(0))) {
                    errors.add(new FlowIssue(p.nodeId(), p.field(), "Unknown variable 'vars." + ref.path().get(0)
                            + "': declare it in the flow's variables or set it in a node first"));
                }
            }
            case NAME -> {
                if (!nodes.containsKey(ref.head()) && !written.contains("vars." + ref.head())
                        && !SCOPES_OPEN.contains(ref.head())) {
                    errors.add(new FlowIssue(p.nodeId(), p.field(), "'" + ref.head()
                            + "' is neither a node nor a variable of this flow"));
                }
            }
        }
    }

    private static void secretsTyped(FlowNode node, JsonNode value, String field, List<FlowIssue> warnings) {
        if (value.isTextual()) {
            String text = value.asText().replaceAll("\\{\\{[^}]*}}", "");
            if (SECRET_LIKE.matcher(text).find()) {
                warnings.add(new FlowIssue(node.id(), field, "This looks like a secret typed in plain text: save it as "
                        + "a credential and use {{secret:name}} instead"));
            }
        } else if (value.isObject()) {
            value.properties().forEach(e -> {
                String name = e.getKey().toLowerCase(java.util.Locale.ROOT);
                if ((name.contains("password") || name.equals("api_key") || name.equals("token"))
                        && e.getValue().isTextual() && !e.getValue().asText().isBlank()
                        && !e.getValue().asText().contains("{{")) {
                    warnings.add(new FlowIssue(node.id(), field + "." + e.getKey(), "A password or key typed in plain "
                            + "text: save it as a credential and use {{secret:name}} instead"));
                } else {
                    secretsTyped(node, e.getValue(), field + "." + e.getKey(), warnings);
                }
            });
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                secretsTyped(node, value.get(i), field + "[" + i + "]", warnings);
            }
        }
    }

    /** One node's checks, collecting references to check once every node declared what it writes. */
    private final class Checks implements NodeChecks {
        private final FlowNode node;
        private final FlowDocument flow;
        private final Workspace workspace;
        private final List<FlowIssue> errors;
        private final List<FlowIssue> warnings;
        private final Set<String> written;
        private final Map<String, List<Pending>> pending;

        Checks(FlowNode node, FlowDocument flow, Workspace workspace, List<FlowIssue> errors, List<FlowIssue> warnings,
               Set<String> written, Map<String, List<Pending>> pending) {
            this.node = node;
            this.flow = flow;
            this.workspace = workspace;
            this.errors = errors;
            this.warnings = warnings;
            this.written = written;
            this.pending = pending;
        }

        @Override
        public void error(String field, String message) {
            errors.add(new FlowIssue(node.id(), field, message));
        }

        @Override
        public void warning(String field, String message) {
            warnings.add(new FlowIssue(node.id(), field, message));
        }

        @Override
        public void template(String field, String template, boolean secretsAllowed) {
            try {
                references.template(template, secretsAllowed)
                        .forEach(r -> pending.computeIfAbsent(node.id(), k -> new ArrayList<>()).add(new Pending(node.id(), field, r)));
            } catch (IllegalArgumentException e) {
                error(field, e.getMessage());
            }
        }

        @Override
        public void templates(String field, JsonNode tree, boolean secretsAllowed) {
            if (tree == null) {
                return;
            }
            if (tree.isTextual()) {
                template(field, tree.asText(), secretsAllowed);
            } else if (tree.isObject()) {
                tree.properties().forEach(e -> templates(field + "." + e.getKey(), e.getValue(), secretsAllowed));
            } else if (tree.isArray()) {
                for (int i = 0; i < tree.size(); i++) {
                    templates(field + "[" + i + "]", tree.get(i), secretsAllowed);
                }
            }
        }

        @Override
        public void condition(String field, JsonNode condition) {
            Set<String> variables = new HashSet<>();
            flow.variables().fieldNames().forEachRemaining(variables::add);
            written.stream().filter(w -> w.startsWith("vars.")).forEach(w -> variables.add(w.substring(5).split("\\.")[0]));
            try {
                references.condition(condition, flow.nodesById().keySet(), variables)
                        .forEach(r -> pending.computeIfAbsent(node.id(), k -> new ArrayList<>()).add(new Pending(node.id(), field, r)));
            } catch (IllegalArgumentException e) {
                error(field, e.getMessage());
            }
        }

        @Override
        public boolean knowledgeBaseExists(String kbId) {
            return workspace.knowledgeBase(kbId);
        }

        @Override
        public boolean credentialExists(String credentialId) {
            return workspace.credentialId(credentialId);
        }

        @Override
        public boolean chatflowExists(String chatflowId) {
            return workspace.chatflow(chatflowId);
        }

        @Override
        public void writes(String variable) {
            written.add(variable);
        }
    }
}

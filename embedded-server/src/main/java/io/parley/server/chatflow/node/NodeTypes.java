package io.parley.server.chatflow.node;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The node types a flow may use, by their {@code type} name. */
public final class NodeTypes {

    private final Map<String, NodeType> types = new LinkedHashMap<>();

    public NodeTypes(NodeType... extra) {
        for (NodeType t : new NodeType[] {new TriggerNode(), new MessageNode(), new QuestionNode(), new LlmNode(),
                new KnowledgeNode(), new ConditionNode(), new VariableNode(), new LoopNode(),
                new MemoryNode(), new SubFlowNode(), new HttpNode(), new CodeNode(), new HandoffNode(), new LlmRouterNode(), new ExtractNode(),
                new ResponseNode()}) {
            types.put(t.name(), t);
        }
        for (NodeType t : extra) {
            types.put(t.name(), t);
        }
    }

    public Optional<NodeType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public Set<String> names() {
        return types.keySet();
    }
}

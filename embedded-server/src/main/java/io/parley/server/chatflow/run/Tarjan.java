package io.parley.server.chatflow.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Strongly connected components of a directed graph (Tarjan, iterative so deep flows cannot overflow the stack). */
final class Tarjan {

    private final Map<String, List<String>> next;
    private final Collection<String> vertices;

    Tarjan(Map<String, List<String>> next, Collection<String> vertices) {
        this.next = next;
        this.vertices = vertices;
    }

    List<List<String>> components() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String root : vertices) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<Object[]> work = new ArrayDeque<>(); // {vertex, next child position}
            work.push(new Object[] {root, 0});
            index.put(root, counter[0]);
            low.put(root, counter[0]++);
            stack.push(root);
            onStack.add(root);
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                String v = (String) frame[0];
                List<String> children = next.getOrDefault(v, List.of());
                int i = (int) frame[1];
                if (i < children.size()) {
                    frame[1] = i + 1;
                    String w = children.get(i);
                    if (!index.containsKey(w)) {
                        index.put(w, counter[0]);
                        low.put(w, counter[0]++);
                        stack.push(w);
                        onStack.add(w);
                        work.push(new Object[] {w, 0});
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                } else {
                    work.pop();
                    if (!work.isEmpty()) {
                        String parent = (String) work.peek()[0];
                        low.put(parent, Math.min(low.get(parent), low.get(v)));
                    }
                    if (low.get(v).equals(index.get(v))) {
                        List<String> component = new ArrayList<>();
                        String w;
                        do {
                            w = stack.pop();
                            onStack.remove(w);
                            component.add(w);
                        } while (!w.equals(v));
                        java.util.Collections.reverse(component);
                        out.add(component);
                    }
                }
            }
        }
        return out;
    }
}

package io.parley.server.chatflow.vars;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelErrorCode;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.parley.server.chatflow.run.Ref;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Conditions written in CEL, Google's Common Expression Language: no side effects, no loops
 * beyond bounded macros, so a builder's expression cannot hang or harm the server. Names are the
 * run state's: {@code input}, {@code user}, {@code vars}, {@code context}, {@code local},
 * {@code temp}, and any other name is a node's output or a flow variable ({@code llm1.intent},
 * {@code age}). What builders type from the seed is accepted: {@code {{llm1.intent}} === 'billing'}.
 * A value that is missing makes the condition false instead of failing the flow. Programs are
 * compiled once per text and cached.
 */
public final class CelConditions {

    private static final int MAX_LENGTH = 2_000;
    private static final int MAX_CACHED = 5_000;
    private static final Pattern BRACES = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(1_000)
            .maxParseRecursionDepth(50)
            .build();
    private static final CelCompiler PARSER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS).setStandardMacros(CelStandardMacro.STANDARD_MACROS).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

    /** A compiled condition and the free names it reads. */
    private record Compiled(CelRuntime.Program program, Set<String> names, List<Ref> refs) {
    }

    private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

    /** The expression as CEL reads it: {@code {{ }}} removed, {@code ===}/{@code !==} as {@code ==}/{@code !=}. */
    static String normalize(String expression) {
        String s = BRACES.matcher(expression.strip()).replaceAll("$1");
        return s.replace("===", "==").replace("!==", "!=");
    }

    public List<Ref> references(String expression) {
        return compile(expression).refs();
    }

    /**
     * @throws IllegalArgumentException on an expression that does not compile or is not true/false
     * @throws IllegalStateException    on an evaluation error other than a missing value
     */
    public boolean test(String expression, ObjectNode state) {
        Compiled c = compile(expression);
        Map<String, Object> bindings = new HashMap<>();
        for (String name : c.names()) {
            JsonNode value = name.equals("input") ? state.path("input")
                    : Template.SCOPES.contains(name) ? state.path(name)
                    : state.path("nodes").has(name) ? state.path("nodes").path(name)
                    : state.path("vars").path(name);
            if (!value.isMissingNode() && !value.isNull()) {
                bindings.put(name, JsonValues.toCel(value));
            }
        }
        try {
            Object result = c.program().eval(bindings);
            return Boolean.TRUE.equals(result);
        } catch (CelEvaluationException e) {
            if (e.getErrorCode() == CelErrorCode.ATTRIBUTE_NOT_FOUND || e.getErrorCode() == CelErrorCode.INDEX_OUT_OF_BOUNDS
                    || String.valueOf(e.getMessage()).contains("not present")) {
                return false; // a value that is not there yet: the branch does not hold
            }
            if (e.getErrorCode() == CelErrorCode.OVERLOAD_NOT_FOUND) {
                throw new IllegalStateException("The condition \"" + expression + "\" compares values of different "
                        + "kinds (text and a number?): convert one, like int(vars.age) >= 18 or string(vars.code) == '7'");
            }
            throw new IllegalStateException("The condition \"" + expression + "\" could not be evaluated: " + e.getMessage());
        }
    }

    private Compiled compile(String expression) {
        if (expression.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The condition is longer than " + MAX_LENGTH + " characters");
        }
        String text = normalize(expression);
        Compiled cached = cache.get(text);
        if (cached != null) {
            return cached;
        }
        CelAbstractSyntaxTree parsed = ast(PARSER.parse(text), text);
        Set<String> names = new LinkedHashSet<>();
        Set<String> bound = new LinkedHashSet<>();
        List<Ref> refs = new ArrayList<>();
        CelNavigableAst.fromAst(parsed).getRoot().allNodes().forEach(n -> {
            if (n.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION) {
                bound.add(n.expr().comprehension().iterVar());
                bound.add(n.expr().comprehension().accuVar());
            }
        });
        CelNavigableAst.fromAst(parsed).getRoot().allNodes().forEach(n -> {
            if (n.getKind() == CelExpr.ExprKind.Kind.IDENT) {
                String name = n.expr().ident().name();
                if (!bound.contains(name)) {
                    names.add(name);
                    refs.add(ref(name, n));
                }
            }
        });
        CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS).setResultType(SimpleType.BOOL);
        for (String name : names) {
            builder.addVar(name, name.equals("input") ? SimpleType.STRING
                    : Template.SCOPES.contains(name) ? MapType.create(SimpleType.STRING, SimpleType.DYN) : SimpleType.DYN);
        }
        CelAbstractSyntaxTree checked = ast(builder.build().compile(text), text);
        try {
            Compiled compiled = new Compiled(RUNTIME.createProgram(checked), Set.copyOf(names), List.copyOf(refs));
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(text, compiled);
            return compiled;
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException("The condition cannot run: " + e.getMessage());
        }
    }

    /** The name and, for a scope, the first field selected from it ({@code vars.age} reads {@code age}). */
    private static Ref ref(String name, CelNavigableExpr ident) {
        List<String> path = new ArrayList<>();
        ident.parent().filter(p -> p.getKind() == CelExpr.ExprKind.Kind.SELECT)
                .ifPresent(p -> path.add(p.expr().select().field()));
        if (name.equals("input")) {
            return new Ref(Ref.Kind.INPUT, name, path);
        }
        return new Ref(Template.SCOPES.contains(name) ? Ref.Kind.SCOPE : Ref.Kind.NAME, name, path);
    }

    private static CelAbstractSyntaxTree ast(CelValidationResult result, String text) {
        if (result.hasError()) {
            var issue = result.getErrors().get(0);
            int column = issue.getSourceLocation().getColumn();
            throw new IllegalArgumentException("The condition \"" + text + "\" is not valid"
                    + (column >= 0 ? " at character " + (column + 1) : "") + ": " + friendly(issue.getMessage()));
        }
        try {
            return result.getAst();
        } catch (CelValidationException e) {
            throw new IllegalArgumentException("The condition \"" + text + "\" is not valid: " + e.getMessage());
        }
    }

    private static String friendly(String message) {
        return message.contains("expected type 'bool'") || message.contains("result type")
                ? "it must be true or false, like vars.age >= 18" : message;
    }

    /** For tests: how many programs are cached. */
    int cached() {
        return cache.size();
    }
}

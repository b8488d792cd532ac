package io.parley.server.chatflow.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CodeSandboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static CodeSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = new CodeSandbox();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static CodeFailure failureOf(String code) {
        return failureOf(code, CodeLimits.DEFAULTS);
    }

    private static CodeFailure failureOf(String code, CodeLimits limits) {
        return catchThrowableOfType(CodeFailure.class, () -> sandbox.run(code, null, limits));
    }

    @Test
    void runsCodeWithInputsAndReturnsJson() throws Exception {
        CodeResult result = sandbox.run("""
                const liked = inputs.books.filter(b => b.stars >= 4).map(b => b.title);
                console.log('liked', liked.length, { of: inputs.books.length });
                return { liked, first: liked[0] ?? null, total: inputs.books.length };
                """, json("{\"books\":[{\"title\":\"Dune\",\"stars\":5},{\"title\":\"Emma\",\"stars\":2}]}"));

        assertThat(result.value()).isEqualTo(json("{\"liked\":[\"Dune\"],\"first\":\"Dune\",\"total\":2}"));
        assertThat(result.logs()).containsExactly("liked 1 {\"of\":2}");
    }

    @Test
    void returnsEveryJsonShapeAndNullForUndefined() throws Exception {
        assertThat(sandbox.run("return [1, 'two', true, null, 2.5];", null).value()).isEqualTo(json("[1,\"two\",true,null,2.5]"));
        assertThat(sandbox.run("return 'text';", null).value().asText()).isEqualTo("text");
        assertThat(sandbox.run("let x = 1;", null).value().isNull()).isTrue();
    }

    @Test
    void inputsArePlainJavaScriptObjects() throws Exception {
        CodeResult result = sandbox.run(
                "return [Object.getPrototypeOf(inputs) === Object.prototype, Array.isArray(inputs.list), JSON.stringify(inputs)];",
                json("{\"list\":[1,2]}"));

        assertThat(result.value()).isEqualTo(json("[true,true,\"{\\\"list\\\":[1,2]}\"]"));
    }

    @Test
    void ordinaryDataWorkStaysWithinTheDefaultLimits() {
        CodeResult result = sandbox.run("""
                const books = [];
                for (let i = 0; i < 20000; i++) books.push({ id: i, title: 'Book ' + i, stars: i % 5 });
                const best = books.filter(b => b.stars === 4).sort((a, b) => b.id - a.id).slice(0, 3);
                let sum = 0;
                for (let i = 0; i < 300000; i++) sum += i;
                return { best: best.map(b => b.title), sum };
                """, null);

        assertThat(result.value().toString())
                .isEqualTo("{\"best\":[\"Book 19999\",\"Book 19994\",\"Book 19989\"],\"sum\":44999850000}");
        System.out.println("ordinary data work took " + result.durationMs() + " ms");
    }

    @Test
    void syntaxErrorNamesTheLine() {
        CodeFailure failure = failureOf("let a = 1;\nlet b = ;\nreturn a;");

        assertThat(failure.kind()).isEqualTo(CodeFailure.Kind.SYNTAX);
        assertThat(failure.line()).isEqualTo(2);
        assertThat(failure.getMessage()).startsWith("Syntax error on line 2: ").doesNotContain("at ", "java.", "\n");
    }

    @Test
    void unclosedBraceIsReportedWithinTheCode() {
        CodeFailure failure = failureOf("if (true) {\n  return 1;");

        assertThat(failure.kind()).isEqualTo(CodeFailure.Kind.SYNTAX);
        assertThat(failure.line()).isBetween(1, 2);
    }

    @Test
    void thrownErrorNamesTheLineAndKeepsTheLogs() {
        CodeFailure failure = failureOf("console.log('before');\n\nthrow new Error('no books found');");

        assertThat(failure.kind()).isEqualTo(CodeFailure.Kind.RUNTIME);
        assertThat(failure.line()).isEqualTo(3);
        assertThat(failure.getMessage()).isEqualTo("Error on line 3: Error: no books found");
        assertThat(failure.logs()).containsExactly("before");
        assertThat(failure.getStackTrace()).isEmpty();
    }

    @Test
    void typeErrorNamesTheLine() {
        CodeFailure failure = failureOf("const user = inputs.user;\nreturn user.name;");

        assertThat(failure.kind()).isEqualTo(CodeFailure.Kind.RUNTIME);
        assertThat(failure.line()).isEqualTo(2);
        assertThat(failure.getMessage()).startsWith("Error on line 2: TypeError").doesNotContain("java.", "\n");
    }

    @Test
    void endlessLoopIsStoppedByTime() {
        CodeLimits limits = CodeLimits.DEFAULTS.withTimeout(Duration.ofMillis(300)).withMaxStatements(Long.MAX_VALUE);
        long start = System.nanoTime();

        CodeFailure failure = failureOf("while (true) {}", limits);

        long tookMs = (System.nanoTime() - start) / 1_000_000;
        System.out.println("endless loop stopped after " + tookMs + " ms (limit 300 ms)");
        assertThat(failure.kind()).isEqualTo(CodeFailure.Kind.TIMEOUT);
        assertThat(failure.getMessage()).contains("took longer than 300 ms");
        assertThat(tookMs).isLessThan(2_000);
    }

    @Test
    void endlessLoopIsStoppedByStatementsWithTheDefaults() {
        long start = System.nanoTime();

        CodeFailure failure = failureOf("let i = 0; while (true) { i++; }");

        System.out.println("endless loop with default limits stopped after " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertThat(failure.kind()).isEqualTo(CodeFailure.Kind.TIMEOUT);
        assertThat(failure.getMessage()).contains("steps", "loop");
    }

    @Test
    void hugeAllocationIsStopped() {
        long start = System.nanoTime();

        CodeFailure failure = failureOf("let a = []; while (true) a.push(new Array(1e6).fill(1));");

        long tookMs = (System.nanoTime() - start) / 1_000_000;
        System.out.println("array allocation stopped after " + tookMs + " ms: " + failure);
        assertThat(failure.kind()).isEqualTo(CodeFailure.Kind.MEMORY);
        assertThat(failure.getMessage()).isEqualTo("The code used more than 64 MB of memory and was stopped.");
    }

    @Test
    void arrayOfEmptyArraysIsStopped() {
        long start = System.nanoTime();

        CodeFailure failure = failureOf("let a = []; while (true) a.push(new Array(1e6));");

        System.out.println("new Array(1e6) loop stopped after " + (System.nanoTime() - start) / 1_000_000 + " ms: " + failure);
        assertThat(failure.kind()).isIn(CodeFailure.Kind.MEMORY, CodeFailure.Kind.TIMEOUT);
    }

    @Test
    void doublingStringIsStopped() {
        long start = System.nanoTime();

        CodeFailure failure = failureOf("let s = 'x'; while (true) s += s;");

        System.out.println("doubling string stopped after " + (System.nanoTime() - start) / 1_000_000 + " ms: " + failure);
        // GraalJS strings are ropes: the doubling hits the maximum string length before much is allocated.
        assertThat(failure.kind()).isIn(CodeFailure.Kind.MEMORY, CodeFailure.Kind.RUNTIME);
    }

    @Test
    void flattenedDoublingStringIsStoppedByMemory() {
        CodeFailure failure = failureOf("let s = 'x'; const keep = []; while (true) { s += s; keep.push(s.split('').join('')); }");

        assertThat(failure.kind()).isEqualTo(CodeFailure.Kind.MEMORY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "Java", "Packages", "Polyglot", "Graal", "require", "load", "loadWithNewGlobal",
            "fetch", "XMLHttpRequest", "process", "print", "quit", "exit", "read", "readline", "setTimeout"})
    void hostAndNetworkGlobalsDoNotExist(String global) {
        assertThat(sandbox.run("return typeof " + global + ";", null).value().asText()).isEqualTo("undefined");
    }

    @ParameterizedTest
    @ValueSource(strings = {"return java.lang.System.getenv();", "return Java.type('java.lang.System');",
            "return Polyglot.eval('js', '1');", "return require('fs');", "return load('/etc/passwd');",
            "return fetch('http://127.0.0.1/');", "return new XMLHttpRequest();", "return process.env;",
            "return Packages.java.io.File;"})
    void hostAccessAttemptsFail(String code) {
        CodeFailure failure = failureOf(code);

        assertThat(failure.kind()).isEqualTo(CodeFailure.Kind.RUNTIME);
        assertThat(failure.getMessage()).contains("ReferenceError");
    }

    @Test
    void staticImportIsASyntaxError() {
        assertThat(failureOf("import fs from 'fs';\nreturn 1;").kind()).isEqualTo(CodeFailure.Kind.SYNTAX);
    }

    @Test
    void dynamicImportCannotReadFiles() {
        CodeResult result = sandbox.run("""
                import('/etc/hostname').then(() => console.log('loaded'), e => console.log('blocked'));
                import('fs').then(() => console.log('loaded'), e => console.log('blocked'));
                return 1;
                """, null);

        assertThat(result.logs()).containsExactly("blocked", "blocked");
    }

    @Test
    void returningAPromiseIsAnOutputFailure() {
        CodeFailure failure = failureOf("return import('/etc/passwd');");

        assertThat(failure.kind()).isEqualTo(CodeFailure.Kind.OUTPUT);
        assertThat(failure.getMessage()).contains("promise");
    }

    @Test
    void functionsAndCyclesAreNotJson() {
        assertThat(failureOf("return () => 1;").kind()).isEqualTo(CodeFailure.Kind.OUTPUT);
        CodeFailure cycle = failureOf("const a = {}; a.self = a; return a;");
        assertThat(cycle.kind()).isEqualTo(CodeFailure.Kind.OUTPUT);
        assertThat(cycle.getMessage()).startsWith("The result cannot be turned into JSON");
    }

    @Test
    void tooBigResultIsAnOutputFailure() {
        CodeFailure failure = failureOf("return 'x'.repeat(300 * 1024);");

        assertThat(failure.kind()).isEqualTo(CodeFailure.Kind.OUTPUT);
        assertThat(failure.getMessage()).isEqualTo("The result is larger than 256 KB; return less data.");
        assertThat(sandbox.run("return 'é'.repeat(100 * 1024);", null).value().asText()).hasSize(100 * 1024);
        assertThat(failureOf("return 'é'.repeat(200 * 1024);").kind()).isEqualTo(CodeFailure.Kind.OUTPUT); // 400 KB in UTF-8
    }

    @Test
    void logsAreCapped() {
        CodeResult result = sandbox.run("for (let i = 0; i < 500; i++) console.log('x'.repeat(5000)); return 1;", null);

        assertThat(result.logs()).hasSize(LogLines.MAX_LINES + 1);
        assertThat(result.logs().getFirst()).hasSize(LogLines.MAX_LINE_CHARS + 1);
        assertThat(result.logs().getLast()).isEqualTo("(300 more lines not kept)");
    }

    @Test
    void pollutionDoesNotReachTheNextRun() {
        sandbox.run("Object.prototype.polluted = 'yes'; Array.prototype.map = null; globalThis.leftover = 1;"
                + " JSON.parse = () => 'hacked'; return 1;", null);

        CodeResult next = sandbox.run(
                "return [({}).polluted === undefined, typeof [].map, typeof leftover, inputs.a];", JSON.createObjectNode().put("a", 1));

        assertThat(next.value().toString()).isEqualTo("[true,\"function\",\"undefined\",1]");
    }

    @Test
    void manyRunsDoNotLeakThreads() {
        sandbox.run("return 1;", null); // the engine's own threads, if any, start here
        int before = Thread.activeCount();

        for (int i = 0; i < 40; i++) {
            assertThat(sandbox.run("return inputs.i * 2;", JSON.createObjectNode().put("i", i)).value().asInt()).isEqualTo(i * 2);
        }
        failureOf("while (true) {}", CodeLimits.DEFAULTS.withTimeout(Duration.ofMillis(50)));

        assertThat(Thread.activeCount()).isLessThanOrEqualTo(before);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("parley-code-"));
    }

    @Test
    void runsConcurrentlyFromSeveralThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                answers.add(pool.submit(() -> sandbox.run(
                        "let sum = 0; for (let k = 0; k <= inputs.n; k++) sum += k; return sum;",
                        JSON.createObjectNode().put("n", n * 100)).value().asInt()));
            }
            for (int i = 0; i < answers.size(); i++) {
                int n = i * 100;
                assertThat(answers.get(i).get()).isEqualTo(n * (n + 1) / 2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void interruptingTheCallerCancelsTheRun() throws Exception {
        CodeLimits generous = CodeLimits.DEFAULTS.withTimeout(Duration.ofSeconds(30)).withMaxStatements(Long.MAX_VALUE);
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                sandbox.run("console.log('started'); while (true) {}", null, generous);
                thrown.complete(null);
            } catch (Throwable t) {
                thrown.complete(t);
            }
        });
        caller.interrupt();

        assertThat(thrown.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        assertThat(caller.join(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void closedSandboxRefusesRuns() {
        CodeSandbox other = new CodeSandbox();
        other.run("return 1;", null);
        other.close();

        assertThatThrownBy(() -> other.run("return 1;", null)).isInstanceOf(IllegalStateException.class);
    }
}

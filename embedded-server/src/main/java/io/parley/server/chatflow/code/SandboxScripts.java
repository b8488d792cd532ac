package io.parley.server.chatflow.code;

import org.graalvm.polyglot.Source;

/** The JavaScript that Parley itself runs in each sandbox context around the builder's code. */
final class SandboxScripts {

    /** Name of the builder's code in error locations: messages say "line 3", the name is not shown. */
    static final String CODE_NAME = "code";

    /**
     * Removes what a shell-style GraalJS context offers beyond ECMAScript (some of it is already
     * switched off by options; this is the second lock) and installs a {@code console} whose lines
     * go to {@code emit}, a host callback taking one string.
     */
    static final Source PRELUDE = Source.create("js", """
            (function (emit, maxLineChars) {
              'use strict';
              const g = globalThis;
              for (const name of ['load', 'loadWithNewGlobal', 'print', 'printErr', 'quit', 'exit', 'read',
                  'readbuffer', 'readline', 'Java', 'Packages', 'java', 'javax', 'javafx', 'com', 'org', 'edu',
                  'net', 'Polyglot', 'Graal', 'Debug', 'Realm', 'console', 'require', 'process', 'fetch',
                  'XMLHttpRequest', 'setTimeout', 'setInterval', 'performance']) {
                try { delete g[name]; } catch (e) { /* not configurable: checked by the tests */ }
              }
              const text = (v) => {
                if (typeof v === 'string') return v;
                try { const s = JSON.stringify(v); return s === undefined ? String(v) : s; }
                catch (e) { return String(v); }
              };
              const log = (...args) => {
                let line = args.map(text).join(' ');
                if (line.length > maxLineChars) line = line.slice(0, maxLineChars) + '…';
                emit(line);
              };
              g.console = Object.freeze({ log, info: log, warn: log, error: log, debug: log, trace: log });
            })
            """);

    /** Turns the inputs' JSON text into a plain JavaScript value (no host object reaches the code). */
    static final Source PARSE_INPUTS = Source.create("js", "(function (json) { return JSON.parse(json); })");

    /**
     * The returned value as JSON text, or the reason it cannot be. Runs inside the context so that
     * nothing but a string crosses back.
     */
    static final Source TO_JSON = Source.create("js", """
            (function (v, maxChars) {
              if (v === undefined) return { json: 'null' };
              if (typeof v === 'function') return { problem: 'The code returned a function; return data instead.' };
              if (typeof v === 'symbol') return { problem: 'The code returned a symbol; return data instead.' };
              if (v instanceof Promise) return { problem: 'The code returned a promise; the code node does not wait for promises.' };
              let json;
              try { json = JSON.stringify(v); }
              catch (e) { return { problem: 'The result cannot be turned into JSON: ' + e.message }; }
              if (json === undefined) return { json: 'null' };
              if (json.length > maxChars) return { tooBig: true };
              return { json };
            })
            """);

    private SandboxScripts() {
    }

    /**
     * The builder's code as the body of {@code function (inputs)}; the header shares line 1 with the
     * code so that line numbers in errors are the builder's own.
     */
    static Source userFunction(String code) {
        return Source.newBuilder("js", "(function (inputs) {" + code + "\n})", CODE_NAME).buildLiteral();
    }
}

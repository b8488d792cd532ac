# Shared by the bin/ scripts: find a JDK 21+ and build the jars when they are missing or stale.
# shellcheck shell=bash

PARLEY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

java_version_of() { # prints the feature version (17, 21, 25…) of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

# Sets JAVA_HOME to a JDK >= 21: JAVA_HOME if it qualifies, else the java on PATH, else /usr/lib/jvm/*.
find_jdk() {
  local candidate v
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    v=$(java_version_of "$candidate/bin/java")
    if [ -n "$v" ] && [ "${v%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "Parley needs JDK 21 or newer. Install one (for example Temurin 21) and set JAVA_HOME to it." >&2
  exit 1
}

# Builds the jars (without running tests) unless they are newer than every source file.
build_if_needed() {
  local jar="$1"
  if [ -f "$jar" ] && [ -z "$(find "$PARLEY_ROOT" -path '*/target' -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$jar" -print -quit)" ]; then
    return 0
  fi
  echo "Building Parley (first run, or sources changed)…" >&2
  (cd "$PARLEY_ROOT" && ./mvnw -q -B -DskipTests install) >&2
}

#!/usr/bin/env bash
# Shared by the benchmark scripts: finds a JDK 17+ (JAVA_HOME first) and (re)builds
# benchmarks/target/benchmarks.jar through the reactor when a source or pom is newer than it.
# Nothing is installed into ~/.m2. Sourced, not run: sets JAVA and JAR.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/benchmarks/target/benchmarks.jar"

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    JAVA="$JAVA_HOME/bin/java"
else
    JAVA="$(command -v java || true)"
fi
[ -n "$JAVA" ] || { echo "benchmarks: needs a JDK 17 or newer (set JAVA_HOME)" >&2; exit 1; }

stale() {
    [ ! -f "$JAR" ] && return 0
    [ -n "$(find "$ROOT" -path "$ROOT/*/target" -prune -o \( -name '*.java' -o -name 'pom.xml' \) -newer "$JAR" -print -quit 2>/dev/null)" ]
}

# compare.sh builds once and sets RNN4J_BENCH_KEEP_JAR, so that an edit during its rounds
# cannot put two versions of the code into one comparison.
if [ -n "${RNN4J_BENCH_KEEP_JAR:-}" ]; then
    [ -f "$JAR" ] || { echo "benchmarks: RNN4J_BENCH_KEEP_JAR is set but $JAR is missing" >&2; exit 1; }
elif stale; then
    echo "benchmarks: building benchmarks/target/benchmarks.jar ..." >&2
    mvn -B -q ${MVN_FLAGS:-} -f "$ROOT/pom.xml" -pl benchmarks -am package -DskipTests >&2 \
        || { echo "benchmarks: the build failed; see above" >&2; exit 1; }
fi

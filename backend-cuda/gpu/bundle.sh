#!/usr/bin/env bash
# Packs what the GPU checks of backend-cuda need into .gpu-bundle/ (git-ignored) at the repository
# root, for a machine with an NVIDIA GPU but no JDK or Maven: a small jlink'd Java runtime, the
# backend's classes and tests with their test class path, the JUnit console launcher, the
# throughput harness jar and the host emulator. Then, on the GPU machine, from the repository root:
#
#   bash backend-cuda/gpu/run.sh            # results under $OUT (or ./gpu-results)
#   bash backend-cuda/gpu/profile.sh CONFIG # a flight recording of one harness configuration
#
# The bundle stays under the 64 MiB a device call may carry (about 50 MiB with the repository).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bundle="$root/.gpu-bundle"
cd "$root"
jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"

echo "== building backend-cuda (tests compiled, emulator built) and the benchmarks jar"
mvn -B -q -pl backend-cuda,benchmarks -am package -DskipTests
mvn -B -q -pl backend-cuda process-test-classes
rm -rf "$bundle"
mkdir -p "$bundle/lib"
cp -r backend-cuda/target/classes "$bundle/classes"
cp -r backend-cuda/target/test-classes "$bundle/test-classes"
cp backend-cuda/target/emulator/librnn4j_cuda_emulator.so "$bundle/"
cp benchmarks/target/benchmarks.jar "$bundle/"

echo "== test class path"
mvn -B -q -pl backend-cuda dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$bundle/classpath.txt" >/dev/null
tr ':' '\n' <"$bundle/classpath.txt" | while read -r entry; do
    case "$entry" in
        *jcuda-natives*)
            # Only the driver binding loads; the other JCuda natives are 24 MB of dead weight.
            mkdir -p "$bundle/natives/lib"
            (cd "$bundle/natives" && unzip -q -o "$entry" 'lib/libJCudaDriver-*')
            (cd "$bundle/natives" && jar --create --file "$bundle/lib/jcuda-natives-driver.jar" lib)
            rm -rf "$bundle/natives"
            ;;
        # The console launcher below carries JUnit itself; byte-buddy serves AssertJ's soft
        # assertions, which no test here uses: 10 MB less to carry.
        *junit-jupiter*|*junit-platform*|*byte-buddy*) ;;
        *.jar) cp "$entry" "$bundle/lib/" ;;
        *) cp -r "$entry" "$bundle/lib/$(basename "$(dirname "$(dirname "$entry")")")-$(basename "$entry")" ;;
    esac
done
rm "$bundle/classpath.txt"
launcher=org.junit.platform:junit-platform-console-standalone:1.14.4
mvn -B -q dependency:copy -Dartifact="$launcher" -DoutputDirectory="$bundle/lib" >/dev/null

echo "== Java runtime (jlink from $jdk)"
"$jdk/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.management,java.naming,java.sql,java.xml,jdk.unsupported,jdk.incubator.vector,jdk.jfr \
    --strip-debug --no-header-files --no-man-pages --compress=2 --output "$bundle/jre" 2>/dev/null \
    || "$jdk/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.management,java.naming,java.sql,java.xml,jdk.unsupported,jdk.incubator.vector,jdk.jfr \
    --strip-debug --no-header-files --no-man-pages --compress=zip-9 --output "$bundle/jre"
if command -v strip >/dev/null 2>&1; then
    chmod u+w "$bundle/jre/lib/server/libjvm.so"
    strip --strip-unneeded "$bundle/jre/lib/server/libjvm.so"
fi
du -sh "$bundle"

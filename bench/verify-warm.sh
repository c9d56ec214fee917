#!/usr/bin/env bash
# Warm verification throughput (JMH) of sigstore-java 1.3.0's real Maven Central bundle, in-process,
# with a 64 MiB heap cap. Build first: mvn -q -B package -DskipTests
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
b="$here/benchmarks/target"
exec java -cp "$b/classes:$b/lib/*" -Dprovenant.registryArtifacts="$b/registry-artifacts" \
  org.openjdk.jmh.Main -jvmArgsAppend "-Dprovenant.registryArtifacts=$b/registry-artifacts" "${@:-VerifyBenchmark}"

#!/usr/bin/env bash
# Measures what the Maven plugin's verify-dependencies goal adds to a warm build of a project with 50
# dependencies: the same `mvn -o package` (compile, test and jar plugins, which resolve the dependencies
# anyway) with and without the goal, once every published bundle is in the local repository and the
# verdicts are recorded; and, online, with the verdict cache off (offline that fails by design: whether
# an unsigned dependency's bundle is published cannot be told offline). Results feed docs/PERFORMANCE.md.
#   bench/maven-verify-dependencies.sh [RUNS]     (default: 7 runs of each)
# Needs the plugin installed in maven-plugin/target/it-repo, which `mvn -B verify` (its invoker
# tests) does; that repository is used as the local repository here, so ~/.m2 is left alone.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
repo="$here/maven-plugin/target/it-repo"
[[ -d "$repo/dev/provenant/provenant-maven-plugin" ]] || {
  echo "bench: $repo has no provenant-maven-plugin; run mvn -B verify first" >&2; exit 2; }
version="$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' "$here/pom.xml" | head -1)"
work="$(mktemp -d "${TMPDIR:-/tmp}/provenant-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

cat > "$work/provenant-dependencies.rules" <<'RULES'
dev.sigstore:sigstore-java  identity=https://github.com/sigstore/sigstore-java/.github/workflows/release-sigstore-java-from-tag.yaml@refs/tags/v{version}  issuer=https://token.actions.githubusercontent.com
*:*  unsigned-ok
RULES
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.example.bench</groupId>
  <artifactId>fifty-dependencies</artifactId>
  <version>1.0</version>
  <properties><maven.compiler.release>17</maven.compiler.release></properties>
  <build>
    <pluginManagement>
      <plugins>
        <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
        <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
        <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
        <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
      </plugins>
    </pluginManagement>
  </build>
  <dependencies>
    <dependency><groupId>dev.sigstore</groupId><artifactId>sigstore-java</artifactId><version>2.0.0</version></dependency>
    <dependency><groupId>info.picocli</groupId><artifactId>picocli</artifactId><version>4.7.7</version></dependency>
    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><version>5.14.1</version><scope>test</scope></dependency>
    <dependency><groupId>org.assertj</groupId><artifactId>assertj-core</artifactId><version>3.27.7</version><scope>test</scope></dependency>
  </dependencies>
  <profiles>
    <profile>
      <id>verify-dependencies</id>
      <build>
        <plugins>
          <plugin>
            <groupId>dev.provenant</groupId>
            <artifactId>provenant-maven-plugin</artifactId>
            <version>$version</version>
            <configuration><report>\${project.build.directory}/verdicts.json</report></configuration>
            <executions><execution><goals><goal>verify-dependencies</goal></goals></execution></executions>
          </plugin>
        </plugins>
      </build>
    </profile>
  </profiles>
</project>
POM

mvn_() { mvn -B -q -Dmaven.repo.local="$repo" -f "$work/pom.xml" "$@"; }
# Online once: dependencies and bundles, and a verdict recorded for each file (as provenant:go-offline does).
mvn_ -Pverify-dependencies package > "$work/first.log"
count=$(grep -c '"artifact"' "$work/target/verdicts.json")
verified=$(grep -c '"outcome" : "verified"' "$work/target/verdicts.json")

seconds() { local s e; s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
base=(); warm=(); uncached=()
for ((i = 0; i < runs; i++)); do
  base+=("$(seconds mvn_ -o package)")
  warm+=("$(seconds mvn_ -o -Pverify-dependencies package)")
  uncached+=("$(seconds mvn_ -Pverify-dependencies -Dprovenant.cache=false package)")
done
b=$(printf '%s\n' "${base[@]}" | median)
w=$(printf '%s\n' "${warm[@]}" | median)
u=$(printf '%s\n' "${uncached[@]}" | median)
printf 'dependencies checked: %d (%d verified against a bundle, the rest unsigned-ok)\n' "$count" "$verified"
printf 'mvn -o package, median of %d: without the goal %.2f s; with it, verdicts cached %.2f s (+%.2f s); online with the cache off %.2f s (+%.2f s)\n' \
  "$runs" "$b" "$w" "$(echo "$w - $b" | bc -l)" "$u" "$(echo "$u - $b" | bc -l)"

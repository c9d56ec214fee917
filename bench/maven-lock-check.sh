#!/usr/bin/env bash
# Measures what checking the supply-chain lock adds to verify-dependencies on the 50-dependency build of
# bench/maven-verify-dependencies.sh: the same warm `mvn -o package`, without the goal, with the goal and its
# verdicts cached but no lock file, and with the goal and a lock file written by `provenant:lock` (which then
# also hashes and compares every dependency, POM, parent, BOM, plugin and plugin dependency), alternating.
# The goal's own "Lock ...: N artifact(s) ... checked ...; T ms" line gives the check's time inside Maven.
#   bench/maven-lock-check.sh [RUNS]     (default: 7 runs of each)
# LOCK_ARGS="-Dprovenant.lock.pluginDependencies=false" (say) narrows the coverage of both the lock and its check.
# Needs the plugin installed in maven-plugin/target/it-repo, which the invoker tests do.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
repo="$here/maven-plugin/target/it-repo"
[[ -d "$repo/dev/provenant/provenant-maven-plugin" ]] || {
  echo "bench: $repo has no provenant-maven-plugin; run mvn -B verify first" >&2; exit 2; }
version="$(sed -n 's:.*<version>\(.*-SNAPSHOT\)</version>.*:\1:p' "$here/pom.xml" | head -1)"
work="$(mktemp -d "${TMPDIR:-/tmp}/provenant-lock-bench.XXXXXX")"
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
# Online once: dependencies, bundles and verdicts; then the lock, which resolves the plugins' dependencies too.
mvn_ -Pverify-dependencies package > "$work/first.log"
mvn_ -Pverify-dependencies provenant:lock -Dprovenant.lockFile="$work/lock-off/provenant.lock" ${LOCK_ARGS:-} > "$work/lock.log"
locked=$(grep -c '"artifact":' "$work/lock-off/provenant.lock")

seconds() { local s e; s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
base=(); nolock=(); lock=(); inside=()
for ((i = 0; i < runs; i++)); do
  base+=("$(seconds mvn_ -o package)")
  nolock+=("$(seconds mvn_ -o -Pverify-dependencies -Dprovenant.lockFile="$work/absent/provenant.lock" package)")
  s=$(date +%s.%N)
  mvn -B -Dmaven.repo.local="$repo" -f "$work/pom.xml" -o -Pverify-dependencies -Dprovenant.lockFile="$work/lock-off/provenant.lock" ${LOCK_ARGS:-} package > "$work/run.log"
  e=$(date +%s.%N); lock+=("$(echo "$e - $s" | bc -l)")
  inside+=("$(sed -n 's/.*Lock .* checked, 0 failing, [0-9]* stale; \([0-9]*\) ms.*/\1/p' "$work/run.log")")
done
b=$(printf '%s\n' "${base[@]}" | median)
n=$(printf '%s\n' "${nolock[@]}" | median)
l=$(printf '%s\n' "${lock[@]}" | median)
t=$(printf '%s\n' "${inside[@]}" | median)
printf 'artifacts locked: %d\n' "$locked"
printf 'mvn -o package, median of %d: without the goal %.2f s; verify-dependencies without a lock %.2f s; with the lock %.2f s (lock check +%.2f s over the goal, %.1f%% of the build without the goal); the check itself (its log line) %s ms\n' \
  "$runs" "$b" "$n" "$l" "$(echo "$l - $n" | bc -l)" "$(echo "($l - $n) * 100 / $b" | bc -l)" "$t"

package dev.provenant.attest.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each CI system, driven by the environment variables its documentation says a job sees. */
class CiDetectorsTest {
    private static final String SHA = "c27d339ee6075c1f744c5d4b200f7901aad2c369";

    private static BuildEnvironment detect(CiDetector detector, Map<String, String> vars) {
        return detector.detect(new Environment(vars)).orElseThrow();
    }

    @Test
    void gitHubActionsMatchesGitHubsOwnProvenanceFields() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("GITHUB_ACTIONS", "true"), Map.entry("GITHUB_SERVER_URL", "https://github.com"),
                Map.entry("GITHUB_REPOSITORY", "octo-org/octo-repo"), Map.entry("GITHUB_REF", "refs/tags/v1.2.3"),
                Map.entry("GITHUB_SHA", SHA),
                Map.entry("GITHUB_WORKFLOW_REF", "octo-org/octo-repo/.github/workflows/release@v2.yml@refs/tags/v1.2.3"),
                Map.entry("GITHUB_EVENT_NAME", "push"), Map.entry("GITHUB_REPOSITORY_ID", "1296269"),
                Map.entry("GITHUB_REPOSITORY_OWNER_ID", "583231"), Map.entry("RUNNER_ENVIRONMENT", "github-hosted"),
                Map.entry("GITHUB_RUN_ID", "1536140711"), Map.entry("GITHUB_RUN_ATTEMPT", "2"));
        BuildEnvironment b = detect(new GitHubActionsDetector(), env);
        // The values actions/attest-build-provenance writes for the same run (buildType workflow/v1).
        assertThat(b.buildType()).isEqualTo("https://actions.github.io/buildtypes/workflow/v1");
        assertThat(b.builderId()).isEqualTo("https://github.com/octo-org/octo-repo/.github/workflows/release@v2.yml@refs/tags/v1.2.3");
        assertThat(b.externalParameters().toString()).isEqualTo("{\"workflow\":{\"ref\":\"refs/tags/v1.2.3\","
                + "\"repository\":\"https://github.com/octo-org/octo-repo\",\"path\":\".github/workflows/release@v2.yml\"}}");
        assertThat(b.internalParameters().toString()).isEqualTo("{\"github\":{\"event_name\":\"push\",\"repository_id\":\"1296269\","
                + "\"repository_owner_id\":\"583231\",\"runner_environment\":\"github-hosted\"}}");
        assertThat(b.invocationId()).contains("https://github.com/octo-org/octo-repo/actions/runs/1536140711/attempts/2");
        assertThat(b.source().orElseThrow().asDependency().uri()).isEqualTo("git+https://github.com/octo-org/octo-repo@refs/tags/v1.2.3");
        assertThat(b.source().orElseThrow().asDependency().digest()).containsEntry("gitCommit", SHA);
    }

    @Test
    void gitLabCi() {
        BuildEnvironment b = detect(new GitLabCiDetector(), Map.ofEntries(Map.entry("GITLAB_CI", "true"),
                Map.entry("CI_SERVER_URL", "https://gitlab.example.com"), Map.entry("CI_PROJECT_PATH", "group/project"),
                Map.entry("CI_PROJECT_URL", "https://gitlab.example.com/group/project"), Map.entry("CI_COMMIT_SHA", SHA),
                Map.entry("CI_COMMIT_BRANCH", "main"), Map.entry("CI_COMMIT_REF_NAME", "main"),
                Map.entry("CI_PIPELINE_SOURCE", "push"), Map.entry("CI_CONFIG_PATH", ".gitlab-ci.yml"),
                Map.entry("CI_JOB_URL", "https://gitlab.example.com/group/project/-/jobs/42"), Map.entry("CI_RUNNER_ID", "7"),
                Map.entry("CI_JOB_STARTED_AT", "2026-11-27T10:00:00+01:00"), Map.entry("CI_PROJECT_ID", "99")));
        assertThat(b.builderId()).isEqualTo("https://gitlab.example.com/group/project/-/runners/7");
        assertThat(b.buildType()).isEqualTo(GitLabCiDetector.BUILD_TYPE);
        assertThat(b.externalParameters().at("/source/ref").asText()).isEqualTo("refs/heads/main");
        assertThat(b.externalParameters().get("event").asText()).isEqualTo("push");
        assertThat(b.invocationId()).contains("https://gitlab.example.com/group/project/-/jobs/42");
        assertThat(b.startedOn()).contains(Instant.parse("2026-11-27T09:00:00Z"));
        assertThat(b.source().orElseThrow().commit()).isEqualTo(SHA);
        BuildEnvironment tag = detect(new GitLabCiDetector(), Map.of("GITLAB_CI", "true", "CI_COMMIT_TAG", "v1.0",
                "CI_COMMIT_REF_NAME", "v1.0", "CI_PROJECT_PATH", "g/p"));
        assertThat(tag.externalParameters().at("/source/ref").asText()).isEqualTo("refs/tags/v1.0");
    }

    @Test
    void jenkins() {
        BuildEnvironment b = detect(new JenkinsDetector(), Map.of("JENKINS_URL", "https://ci.example.com/",
                "BUILD_URL", "https://ci.example.com/job/app/17/", "JOB_NAME", "app", "BUILD_NUMBER", "17",
                "GIT_URL", "https://git.example.com/app.git", "GIT_COMMIT", SHA, "GIT_BRANCH", "origin/main"));
        assertThat(b.builderId()).isEqualTo("https://ci.example.com/");
        assertThat(b.invocationId()).contains("https://ci.example.com/job/app/17/");
        assertThat(b.externalParameters().at("/source/ref").asText()).isEqualTo("refs/heads/main");
        assertThat(b.externalParameters().get("pipeline").asText()).isEqualTo("app");
        assertThat(b.source().orElseThrow().repository()).isEqualTo("https://git.example.com/app.git");
    }

    @Test
    void buildkite() {
        BuildEnvironment b = detect(new BuildkiteDetector(), Map.of("BUILDKITE", "true", "BUILDKITE_ORGANIZATION_SLUG", "acme",
                "BUILDKITE_PIPELINE_SLUG", "app", "BUILDKITE_BUILD_URL", "https://buildkite.com/acme/app/builds/5",
                "BUILDKITE_JOB_ID", "0190-abc", "BUILDKITE_REPO", "git@github.com:acme/app.git", "BUILDKITE_COMMIT", SHA,
                "BUILDKITE_BRANCH", "main", "BUILDKITE_SOURCE", "webhook"));
        assertThat(b.builderId()).isEqualTo("https://buildkite.com/acme");
        assertThat(b.invocationId()).contains("https://buildkite.com/acme/app/builds/5#0190-abc");
        assertThat(b.externalParameters().get("event").asText()).isEqualTo("webhook");
        assertThat(b.source()).isPresent();
    }

    @Test
    void circleCi() {
        BuildEnvironment b = detect(new CircleCiDetector(), Map.of("CIRCLECI", "true", "CIRCLE_BUILD_URL",
                "https://circleci.com/gh/acme/app/12", "CIRCLE_REPOSITORY_URL", "https://github.com/acme/app", "CIRCLE_SHA1", SHA,
                "CIRCLE_TAG", "v2", "CIRCLE_JOB", "build", "CIRCLE_WORKFLOW_ID", "wf-1"));
        assertThat(b.externalParameters().at("/source/ref").asText()).isEqualTo("refs/tags/v2");
        assertThat(b.invocationId()).contains("https://circleci.com/gh/acme/app/12");
        assertThat(b.internalParameters().get("workflow_id").asText()).isEqualTo("wf-1");
    }

    @Test
    void azurePipelines() {
        BuildEnvironment b = detect(new AzurePipelinesDetector(), Map.of("TF_BUILD", "True",
                "SYSTEM_COLLECTIONURI", "https://dev.azure.com/acme/", "SYSTEM_TEAMPROJECT", "App", "BUILD_BUILDID", "321",
                "BUILD_REPOSITORY_URI", "https://dev.azure.com/acme/App/_git/app", "BUILD_SOURCEVERSION", SHA,
                "BUILD_SOURCEBRANCH", "refs/heads/main", "BUILD_REASON", "IndividualCI", "BUILD_DEFINITIONNAME", "app-ci"));
        assertThat(b.builderId()).isEqualTo("https://dev.azure.com/acme/App");
        assertThat(b.invocationId()).contains("https://dev.azure.com/acme/App/_build/results?buildId=321");
        assertThat(b.externalParameters().get("event").asText()).isEqualTo("IndividualCI");
    }

    @Test
    void tekton() {
        BuildEnvironment b = detect(new TektonDetector(), Map.of("TEKTON_TASK_RUN", "build-run-x", "TEKTON_PIPELINE_RUN",
                "release-run", "TEKTON_NAMESPACE", "ci", "TEKTON_TASK_RUN_UID", "uid-1", "TEKTON_SOURCE_URL",
                "https://github.com/acme/app", "TEKTON_SOURCE_REF", "refs/heads/main", "TEKTON_SOURCE_REVISION", SHA));
        assertThat(b.builderId()).isEqualTo("https://tekton.dev/pipelines/ci");
        assertThat(b.invocationId()).contains("tekton://ci/taskruns/uid-1");
        assertThat(b.source().orElseThrow().ref()).isEqualTo("refs/heads/main");
    }

    @Test
    void detectorsStayQuietOutsideTheirSystemAndTheLocalBuilderSaysSo() {
        Environment none = new Environment(Map.of("PATH", "/usr/bin", "CI", "true"));
        for (CiDetector d : new CiDetector[] {new GitHubActionsDetector(), new GitLabCiDetector(), new JenkinsDetector(),
            new BuildkiteDetector(), new CircleCiDetector(), new AzurePipelinesDetector(), new TektonDetector()}) {
            assertThat(d.detect(none)).as(d.getClass().getSimpleName()).isEqualTo(Optional.empty());
        }
        BuildEnvironment local = CiDetection.discover().detect(none, Path.of("/"));
        assertThat(local.builderId()).isEqualTo(LocalBuilder.BUILDER_ID);
        assertThat(local.system()).contains("no CI system");
    }

    @Test
    void everyDetectorIsRegistered() {
        BuildEnvironment gitlab = CiDetection.discover().detect(new Environment(Map.of("GITLAB_CI", "true", "CI_PROJECT_PATH", "g/p")),
                Path.of("/"));
        assertThat(gitlab.system()).isEqualTo("GitLab CI");
        BuildEnvironment tekton = CiDetection.discover().detect(new Environment(Map.of("TEKTON_TASK_RUN", "t")), Path.of("/"));
        assertThat(tekton.system()).isEqualTo("Tekton");
    }

    @Test
    void timesInVariablesAreRfc3339WithAnOffset() {
        var env = new Environment(java.util.Map.of("A", "2026-11-27T10:00:00+02:00", "B", "2026-11-27T10:00+02:00",
                "C", "2026-11-27T08:00:00.25z"));
        assertThat(env.instant("A")).contains(java.time.Instant.parse("2026-11-27T08:00:00Z"));
        assertThat(env.instant("B")).isEmpty(); // no seconds: java.time reads it, RFC 3339 does not
        assertThat(env.instant("C")).contains(java.time.Instant.parse("2026-11-27T08:00:00.25Z"));
    }
}

package dev.provenant.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detecting a delegated cgroup v2 group, against a folder that stands in for the cgroup file system (a
 * double: this machine mounts memory and pids as cgroup v1, so the real one offers neither). The kernel's
 * own refusals (a group holding processes) are not reproduced by plain files.
 */
class CgroupV2Test {
    @TempDir
    Path mount;

    Path group(String controllers, String subtree) throws Exception {
        Path g = Files.createDirectories(mount.resolve("user/provenant.scope"));
        Files.writeString(g.resolve("cgroup.controllers"), controllers + "\n");
        Files.writeString(g.resolve("cgroup.subtree_control"), subtree + "\n");
        return g;
    }

    @Test
    void aGroupOfferingMemoryAndPidsIsUsedAndItsChildGetsTheProfilesLimits() throws Exception {
        Path g = group("cpu memory pids", "memory pids");
        CgroupV2.Detected d = CgroupV2.detect(mount, "/user/provenant.scope", List.of("memory", "pids"));
        assertThat(d.cgroup()).isPresent();
        Path child = d.cgroup().get().child(Map.of("memory.max", "1048576", "pids.max", "8"));
        assertThat(child.getParent()).isEqualTo(g);
        assertThat(child.resolve("pids.max")).hasContent("8");
        assertThat(child.resolve("memory.max")).hasContent("1048576");
    }

    @Test
    void aGroupWithoutTheControllersIsNotUsedAndSaysWhichAreMissing() throws Exception {
        group("hugetlb", "");
        CgroupV2.Detected d = CgroupV2.detect(mount, "/user/provenant.scope", List.of("memory", "pids"));
        assertThat(d.cgroup()).isEmpty();
        assertThat(d.reason()).contains("does not offer memory, pids");
    }

    @Test
    void aGroupNotDelegatedToTheCallerIsNotUsed() throws Exception {
        Path g = group("memory pids", "memory pids");
        assertThat(g.toFile().setWritable(false, false)).isTrue();
        try {
            CgroupV2.Detected d = CgroupV2.detect(mount, "/user/provenant.scope", List.of("memory", "pids"));
            if (Sandbox.currentUid() != 0) { // root writes where the mode says no
                assertThat(d.cgroup()).isEmpty();
                assertThat(d.reason()).contains("not delegated");
            }
        } finally {
            g.toFile().setWritable(true, true);
        }
    }

    @Test
    void theProfilesLimitsBecomeMemoryPidsAndCpuMax() throws Exception {
        SandboxProfile p = SandboxProfile.parse(("{\"apiVersion\": \"provenant.dev/sandbox/v1\", \"name\": \"c\","
                + " \"limits\": {\"cpu-seconds\": 1, \"memory-mib\": 2, \"processes\": 3, \"open-files\": 4, \"file-size-mib\": 5,"
                + " \"timeout-seconds\": 6}, \"cgroup\": {\"cpu-percent\": 150}}").getBytes());
        assertThat(CgroupV2.limits(p)).containsEntry("memory.max", "2097152").containsEntry("pids.max", "3")
                .containsEntry("cpu.max", "150000 100000");
        assertThat(CgroupV2.controllers(p)).containsExactly("memory", "pids", "cpu");
    }
}

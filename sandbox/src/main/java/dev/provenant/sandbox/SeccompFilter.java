package dev.provenant.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The seccomp program a sandbox adds to bubblewrap's namespaces, in two parts:
 * <ul>
 *   <li>{@code network: off}: bubblewrap's {@code --unshare-net} leaves the step its own loopback, which
 *       is what {@code network: loopback} is; with the network off, {@code socket()} for IPv4 and IPv6
 *       fails (EAFNOSUPPORT), and so does {@code io_uring_setup}, whose socket operation would bypass the
 *       filter. Unix sockets stay.</li>
 *   <li>a step started by root keeps CAP_DAC_READ_SEARCH (to read the workspace as root could) while it
 *       runs as uid 65534; {@code open_by_handle_at}, which that capability would let reach files the
 *       sandbox hides, fails (EPERM).</li>
 * </ul>
 * A process of another architecture than the machine's (a 32-bit binary) is killed rather than let
 * through. The program is classic BPF ({@code struct sock_filter}, 8 bytes each, in the machine's byte
 * order), the form bubblewrap's {@code --seccomp FD} reads.
 */
final class SeccompFilter {
    private static final int LD_W_ABS = 0x20;
    private static final int JEQ_K = 0x15;
    private static final int JGE_K = 0x35;
    private static final int RET_K = 0x06;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int EPERM = 1;
    private static final int EAFNOSUPPORT = 97;
    private static final int ENOSYS = 38;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int IO_URING_SETUP = 425;
    private static final int X32_SYSCALL_BIT = 0x40000000;

    private SeccompFilter() {}

    /** The audit architecture and the numbers of {@code socket} and {@code open_by_handle_at}. */
    private record Arch(int audit, int socket, int openByHandleAt) {}

    private static Optional<Arch> arch(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> Optional.of(new Arch(0xC000003E, 41, 304));
            case "aarch64", "arm64" -> Optional.of(new Arch(0xC00000B7, 198, 265));
            default -> Optional.empty();
        };
    }

    /** Whether the filter can be made for this machine's architecture. */
    static boolean supported() {
        return arch(System.getProperty("os.arch")).isPresent();
    }

    private record Insn(int code, String ifTrue, String ifFalse, int k, String label) {}

    /** The compiled program for this machine. */
    static byte[] program(boolean denyIpSockets, boolean denyOpenByHandle) {
        Arch a = arch(System.getProperty("os.arch")).orElseThrow(() -> new IllegalStateException(
                "no seccomp filter for " + System.getProperty("os.arch")));
        List<Insn> p = new ArrayList<>();
        p.add(new Insn(LD_W_ABS, null, null, 4, null)); // seccomp_data.arch
        p.add(new Insn(JEQ_K, null, "kill", a.audit(), null));
        p.add(new Insn(LD_W_ABS, null, null, 0, null)); // seccomp_data.nr
        p.add(new Insn(JGE_K, "enosys", null, X32_SYSCALL_BIT, null)); // x32 calls on x86-64
        if (denyOpenByHandle) {
            p.add(new Insn(JEQ_K, "eperm", null, a.openByHandleAt(), null));
        }
        if (denyIpSockets) {
            p.add(new Insn(JEQ_K, "enosys", null, IO_URING_SETUP, null));
            p.add(new Insn(JEQ_K, null, "allow", a.socket(), null));
            p.add(new Insn(LD_W_ABS, null, null, 16, null)); // args[0]'s low 32 bits (little-endian machines)
            p.add(new Insn(JEQ_K, "eafnosupport", null, AF_INET, null));
            p.add(new Insn(JEQ_K, "eafnosupport", null, AF_INET6, null));
        }
        p.add(new Insn(RET_K, null, null, RET_ALLOW, "allow"));
        p.add(new Insn(RET_K, null, null, RET_ERRNO | EAFNOSUPPORT, "eafnosupport"));
        p.add(new Insn(RET_K, null, null, RET_ERRNO | EPERM, "eperm"));
        p.add(new Insn(RET_K, null, null, RET_ERRNO | ENOSYS, "enosys"));
        p.add(new Insn(RET_K, null, null, RET_KILL_PROCESS, "kill"));
        ByteBuffer b = ByteBuffer.allocate(p.size() * 8).order(ByteOrder.nativeOrder());
        for (int i = 0; i < p.size(); i++) {
            Insn n = p.get(i);
            b.putShort((short) n.code()).put((byte) offset(p, i, n.ifTrue())).put((byte) offset(p, i, n.ifFalse())).putInt(n.k());
        }
        return b.array();
    }

    /** A jump's offset from the next instruction; no label is the next instruction itself. */
    private static int offset(List<Insn> p, int at, String label) {
        if (label == null) {
            return 0;
        }
        for (int i = at + 1; i < p.size(); i++) {
            if (label.equals(p.get(i).label())) {
                return i - at - 1;
            }
        }
        throw new IllegalStateException("no label " + label);
    }
}

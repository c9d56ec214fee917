package dev.provenant.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The seccomp program that makes {@code network: off} more than a network namespace: bubblewrap's
 * {@code --unshare-net} leaves the step its own loopback, which is what {@code network: loopback} is;
 * with the network off, {@code socket()} for IPv4 and IPv6 fails (EAFNOSUPPORT), and so does
 * {@code io_uring_setup}, whose socket operation would bypass the filter. Unix sockets stay. A process
 * of another architecture than the machine's (a 32-bit binary) is killed rather than let through.
 *
 * <p>The program is classic BPF ({@code struct sock_filter}, 8 bytes each, in the machine's byte
 * order), the form bubblewrap's {@code --seccomp FD} reads.
 */
final class NetworkFilter {
    private static final int LD_W_ABS = 0x20;
    private static final int JEQ_K = 0x15;
    private static final int JGE_K = 0x35;
    private static final int RET_K = 0x06;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int RET_KILL_PROCESS = 0x80000000;
    private static final int EAFNOSUPPORT = 97;
    private static final int ENOSYS = 38;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int IO_URING_SETUP = 425;
    private static final int X32_SYSCALL_BIT = 0x40000000;

    private NetworkFilter() {}

    /** The audit architecture and the number of {@code socket} on the machine's architecture. */
    private record Arch(int audit, int socket) {}

    private static Optional<Arch> arch(String osArch) {
        return switch (osArch) {
            case "amd64", "x86_64" -> Optional.of(new Arch(0xC000003E, 41));
            case "aarch64", "arm64" -> Optional.of(new Arch(0xC00000B7, 198));
            default -> Optional.empty();
        };
    }

    /** Whether the filter can be made for this machine's architecture. */
    static boolean supported() {
        return arch(System.getProperty("os.arch")).isPresent();
    }

    /** The compiled program for this machine. */
    static byte[] program() {
        Arch a = arch(System.getProperty("os.arch")).orElseThrow(() -> new IllegalStateException(
                "no network filter for " + System.getProperty("os.arch")));
        // instruction indexes, for the jump offsets (relative to the next instruction)
        final int allow = 10;
        final int denySocket = 11;
        final int denySyscall = 12;
        final int kill = 13;
        ByteBuffer b = ByteBuffer.allocate(14 * 8).order(ByteOrder.nativeOrder());
        insn(b, LD_W_ABS, 0, 0, 4); // 0: arch
        jump(b, 1, JEQ_K, a.audit(), 2, kill); // 1
        insn(b, LD_W_ABS, 0, 0, 0); // 2: syscall number
        jump(b, 3, JGE_K, X32_SYSCALL_BIT, denySyscall, 4); // 3: x32 calls on x86-64
        jump(b, 4, JEQ_K, IO_URING_SETUP, denySyscall, 5); // 4
        jump(b, 5, JEQ_K, a.socket(), 6, allow); // 5
        insn(b, LD_W_ABS, 0, 0, 16); // 6: socket's domain, args[0]'s low 32 bits (little-endian machines)
        jump(b, 7, JEQ_K, AF_INET, denySocket, 8); // 7
        jump(b, 8, JEQ_K, AF_INET6, denySocket, allow); // 8
        insn(b, RET_K, 0, 0, RET_ALLOW); // 9 (not reached: 8 jumps to allow or deny)
        insn(b, RET_K, 0, 0, RET_ALLOW); // 10 allow
        insn(b, RET_K, 0, 0, RET_ERRNO | EAFNOSUPPORT); // 11
        insn(b, RET_K, 0, 0, RET_ERRNO | ENOSYS); // 12
        insn(b, RET_K, 0, 0, RET_KILL_PROCESS); // 13
        return b.array();
    }

    private static void jump(ByteBuffer b, int at, int code, int k, int ifTrue, int ifFalse) {
        insn(b, code, ifTrue - at - 1, ifFalse - at - 1, k);
    }

    private static void insn(ByteBuffer b, int code, int jt, int jf, int k) {
        b.putShort((short) code).put((byte) jt).put((byte) jf).putInt(k);
    }
}

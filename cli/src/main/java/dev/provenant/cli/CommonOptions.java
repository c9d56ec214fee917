package dev.provenant.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
    @Option(names = "--json", description = "Print a machine-readable JSON result on stdout.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces on failure.")
    boolean verbose;
}

package dev.provenant.policy;

import java.util.List;

/**
 * A policy file that cannot be used: it does not parse, does not follow the schema, or names
 * something that does not hold together (an unknown stage, an unreadable key). Every problem is kept;
 * the message is the first, in one line.
 */
public class PolicyException extends Exception {
    private final String file;
    private final List<PolicyProblem> problems;

    public PolicyException(String file, List<PolicyProblem> problems) {
        super(summary(file, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a policy exception needs at least one problem");
        }
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    public List<PolicyProblem> problems() {
        return problems;
    }

    private static String summary(String file, List<PolicyProblem> problems) {
        if (problems.isEmpty()) {
            return file;
        }
        String first = problems.get(0).format(file);
        return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more)";
    }
}

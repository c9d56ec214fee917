package dev.provenant.verifier.identity;

import dev.provenant.verifier.check.Check;
import dev.provenant.verifier.check.VerificationException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The signer a keyless bundle must come from: its certificate's subject alternative name and OIDC
 * issuer, each exact or a whole-value regular expression, plus optional GitHub workflow claims. Both
 * the name and the issuer are required, as in cosign: an identity from any issuer, or any identity of
 * an issuer, is not a policy.
 *
 * @param san what the certificate's one subject alternative name must be
 * @param issuer what the certificate's OIDC issuer must be
 * @param githubClaims the exact value each pinned GitHub workflow claim must have; the repository is
 *     {@code OWNER/REPO} on github.com or {@code https://HOST/OWNER/REPO} on a GitHub Enterprise host,
 *     and matches only a certificate naming that repository on that host
 */
public record IdentityPolicy(ValueMatcher san, ValueMatcher issuer, Map<GithubClaim, String> githubClaims) {

    public IdentityPolicy {
        if (san == null && issuer == null) {
            throw new IllegalArgumentException(
                    "No keyless verification without an identity policy: give the certificate identity and its OIDC issuer");
        }
        if (san == null) {
            throw new IllegalArgumentException("the identity policy needs the certificate identity (exact or a regular expression)");
        }
        if (issuer == null) {
            throw new IllegalArgumentException("the identity policy needs the OIDC issuer (exact or a regular expression)");
        }
        githubClaims = githubClaims == null || githubClaims.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(githubClaims));
        githubClaims.forEach((claim, value) -> {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("the expected " + claim.label() + " is empty");
            }
            if (claim == GithubClaim.REPOSITORY) {
                GithubRepository.expected(value);
            }
        });
    }

    /** A policy naming the identity and issuer exactly. */
    public static IdentityPolicy exact(String san, String issuer) {
        return new IdentityPolicy(ValueMatcher.exact(san), ValueMatcher.exact(issuer), Map.of());
    }

    /**
     * A policy from cosign-style options, where each of the identity and the issuer is given exactly once,
     * either as a value or as a regular expression; a null argument is an option not given.
     */
    public static IdentityPolicy of(String san, String sanRegexp, String issuer, String issuerRegexp) {
        return new IdentityPolicy(oneOf("certificate identity", san, sanRegexp),
                oneOf("OIDC issuer", issuer, issuerRegexp), Map.of());
    }

    /** This policy, also requiring {@code claim} to be exactly {@code expected}. */
    public IdentityPolicy withGithubClaim(GithubClaim claim, String expected) {
        Map<GithubClaim, String> claims = new EnumMap<>(GithubClaim.class);
        claims.putAll(githubClaims);
        claims.put(claim, expected);
        return new IdentityPolicy(san, issuer, claims);
    }

    /** Passes when {@code identity} is the one this policy names; otherwise says what differs. */
    public void check(CertificateIdentity identity) throws VerificationException {
        if (identity.subjectAlternativeNames().size() != 1) {
            throw fail("the certificate has " + identity.subjectAlternativeNames().size()
                    + " subject alternative names, a Fulcio certificate has exactly one; expected " + san.describe());
        }
        SubjectAlternativeName name = identity.subjectAlternativeNames().get(0);
        if (name.kind() == SubjectAlternativeName.Kind.OTHER) {
            throw fail("the certificate's subject alternative name is an unsupported " + Printable.of(name.value())
                    + ", expected " + san.describe());
        }
        if (!san.matches(name.value())) {
            throw fail("certificate identity is '" + Printable.of(name.value()) + "', expected " + san.describe()
                    + san.partialMatchNote(name.value(), "identity"));
        }
        Optional<String> foundIssuer = identity.issuer();
        if (foundIssuer.isEmpty()) {
            throw fail("the certificate names no OIDC issuer (extension " + FulcioExtension.ISSUER.oid() + " or "
                    + FulcioExtension.ISSUER_V1.oid() + "), expected " + issuer.describe());
        }
        if (!issuer.matches(foundIssuer.get())) {
            throw fail("certificate OIDC issuer is '" + Printable.of(foundIssuer.get()) + "', expected " + issuer.describe()
                    + issuer.partialMatchNote(foundIssuer.get(), "issuer"));
        }
        for (GithubClaim claim : GithubClaim.values()) {
            String expected = githubClaims.get(claim);
            if (expected == null) {
                continue;
            }
            if (claim == GithubClaim.REPOSITORY) {
                checkRepository(identity, expected);
                continue;
            }
            Optional<String> found = claim.valueIn(identity);
            if (found.isEmpty()) {
                throw fail("the certificate has no " + claim.label() + ", expected '" + Printable.of(expected) + "'");
            }
            boolean same = claim == GithubClaim.OWNER ? found.get().equalsIgnoreCase(expected) : found.get().equals(expected);
            if (!same) {
                throw fail("certificate " + claim.label() + " is '" + Printable.of(found.get()) + "', expected '"
                        + Printable.of(expected) + "'");
            }
        }
    }

    /** One line for output: {@code identity 'ID' from OIDC issuer 'ISSUER'}, then the pinned GitHub claims. */
    public String describe() {
        StringBuilder out = new StringBuilder("identity ").append(san.describe()).append(" from OIDC issuer ").append(issuer.describe());
        if (!githubClaims.isEmpty()) {
            StringJoiner claims = new StringJoiner(", ", " with ", "");
            for (GithubClaim claim : GithubClaim.values()) {
                if (githubClaims.containsKey(claim)) {
                    claims.add(claim.label() + " '" + Printable.of(githubClaims.get(claim)) + "'");
                }
            }
            out.append(claims);
        }
        return out.toString();
    }

    /** The repository is compared with its host: {@code acme/app} is github.com's, never another forge's. */
    private static void checkRepository(CertificateIdentity identity, String expectedValue) throws VerificationException {
        GithubRepository expected = GithubRepository.expected(expectedValue);
        GithubRepository.Result found = GithubRepository.of(identity);
        if (found.problem().isPresent()) {
            throw fail(found.problem().get() + "; expected '" + Printable.of(expectedValue) + "'");
        }
        if (found.repository().isEmpty()) {
            throw fail("the certificate has no " + GithubClaim.REPOSITORY.label() + ", expected '" + Printable.of(expectedValue) + "'");
        }
        if (!found.repository().get().equals(expected)) {
            throw fail("certificate " + GithubClaim.REPOSITORY.label() + " is '" + Printable.of(found.repository().get().describe())
                    + "', expected '" + Printable.of(expected.describe()) + "'");
        }
    }

    private static ValueMatcher oneOf(String what, String exact, String regexp) {
        if (exact != null && regexp != null) {
            throw new IllegalArgumentException("give the " + what + " either exactly or as a regular expression, not both");
        }
        if (exact != null) {
            return ValueMatcher.exact(exact);
        }
        return regexp == null ? null : ValueMatcher.regexp(regexp);
    }

    private static VerificationException fail(String message) {
        return new VerificationException(Check.IDENTITY, message);
    }
}

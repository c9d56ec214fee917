package dev.provenant.intoto.layout;

import dev.provenant.intoto.link.Link;
import dev.provenant.intoto.link.Metablock;
import dev.provenant.verifier.check.VerificationException;

/**
 * Turns a step's sublayout, already found signed by the functionary key {@code keyid}, into the
 * summary link that stands for the step: the sub-supply-chain is verified in full first.
 */
interface SublayoutVerifier {
    Link verify(Step step, String keyid, Metablock sublayout) throws VerificationException;
}

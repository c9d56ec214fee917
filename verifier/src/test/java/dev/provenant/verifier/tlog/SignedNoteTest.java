package dev.provenant.verifier.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SignedNoteTest {
    private static final String ROOT = "rs1YPY0ydAV0lxgfrq5pE4oRpUJwo3syeps5+eGUTDI=";

    @Test
    void splitsTextFromSignatureLines() {
        SignedNote note = SignedNote.parse("origin.example\n736\n" + ROOT + "\n\n\u2014 origin.example AAAAAQID\n\u2014 witness/w1 AAAAAgQF\n");

        assertThat(note.text()).isEqualTo("origin.example\n736\n" + ROOT + "\n");
        assertThat(note.signatures()).hasSize(2);
        assertThat(note.signatures().get(0).name()).isEqualTo("origin.example");
        assertThat(note.signatures().get(0).keyHint()).isEqualTo(1);
        assertThat(note.signatures().get(0).signature()).containsExactly(2, 3);
        assertThat(note.signatures().get(1).name()).isEqualTo("witness/w1");
    }

    @Test
    void refusesMalformedNotes() {
        assertThatThrownBy(() -> SignedNote.parse("origin\n1\n" + ROOT + "\n")).hasMessageContaining("no blank line");
        assertThatThrownBy(() -> SignedNote.parse("origin\n1\n" + ROOT + "\n\n")).hasMessageContaining("no signature lines");
        assertThatThrownBy(() -> SignedNote.parse("o\n1\n" + ROOT + "\n\n\u2014 o AAAAAQID")).hasMessageContaining("newline");
        assertThatThrownBy(() -> SignedNote.parse("o\n1\n" + ROOT + "\n\n- o AAAAAQID\n")).hasMessageContaining("em dash");
        assertThatThrownBy(() -> SignedNote.parse("o\n1\n" + ROOT + "\n\n\u2014 o AAAA\n")).hasMessageContaining("too short");
        assertThatThrownBy(() -> SignedNote.parse("o\n1\n" + ROOT + "\n\n\u2014 o !!!!\n")).hasMessageContaining("base64");
        assertThatThrownBy(() -> SignedNote.parse("o\n1\n" + ROOT + "\n\n\u2014 a+b AAAAAQID\n")).hasMessageContaining("plus sign");
    }

    @Test
    void readsATreeHead() {
        TreeHead head = TreeHead.parse("log.example\n736\n" + ROOT + "\next one\n");

        assertThat(head.origin()).isEqualTo("log.example");
        assertThat(head.size()).isEqualTo(736);
        assertThat(head.rootHash()).hasSize(32);
        assertThat(head.extensions()).containsExactly("ext one");
    }

    @Test
    void refusesMalformedTreeHeads() {
        assertThatThrownBy(() -> TreeHead.parse("736\n" + ROOT + "\n")).hasMessageContaining("it has 2 lines");
        assertThatThrownBy(() -> TreeHead.parse("log\n" + ROOT + "\n736\n")).hasMessageContaining("not a decimal number");
        assertThatThrownBy(() -> TreeHead.parse("log\n0736\n" + ROOT + "\n")).hasMessageContaining("not a decimal number");
        assertThatThrownBy(() -> TreeHead.parse("log\n-1\n" + ROOT + "\n")).hasMessageContaining("not a decimal number");
        assertThatThrownBy(() -> TreeHead.parse("log\n1\nAAAA\n")).hasMessageContaining("3 bytes");
        assertThatThrownBy(() -> TreeHead.parse("\n1\n" + ROOT + "\n")).hasMessageContaining("origin line is empty");
        assertThatThrownBy(() -> TreeHead.parse("log\n1\n" + ROOT)).hasMessageContaining("newline");
    }
}

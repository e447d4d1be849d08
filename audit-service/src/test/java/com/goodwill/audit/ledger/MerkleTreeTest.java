package com.goodwill.audit.ledger;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /** The leaves of the Certificate Transparency reference tests. */
    private static final List<String> CT_LEAVES = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    @Test
    void emptyTreeHasTheHashOfTheEmptyString() {
        assertThat(HEX.formatHex(MerkleTree.root(List.of())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void rootsMatchTheCertificateTransparencyReferenceVectors() {
        List<byte[]> leaves = CT_LEAVES.stream().map(h -> MerkleTree.leafHash(HEX.parseHex(h))).toList();
        assertThat(HEX.formatHex(MerkleTree.root(leaves.subList(0, 1))))
                .isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        assertThat(HEX.formatHex(MerkleTree.root(leaves)))
                .isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    }

    @Test
    void rootEqualsTheDefinitionComputedNaively() {
        for (int n = 1; n <= 40; n++) {
            List<byte[]> leaves = leaves(n);
            assertThat(MerkleTree.root(leaves)).as("size %d", n).isEqualTo(naiveRoot(leaves));
        }
    }

    @Test
    void everyLeafHasAnInclusionProofThatVerifiesAgainstTheRoot() {
        for (int n = 1; n <= 40; n++) {
            List<byte[]> leaves = leaves(n);
            byte[] root = MerkleTree.root(leaves);
            for (int i = 0; i < n; i++) {
                List<byte[]> proof = MerkleTree.inclusionProof(i, leaves);
                assertThat(MerkleTree.verifyInclusion(i, n, leaves.get(i), proof, root)).as("leaf %d of %d", i, n).isTrue();
            }
        }
    }

    @Test
    void inclusionProofFailsForAnotherLeafAnotherIndexOrAChangedPath() {
        List<byte[]> leaves = leaves(13);
        byte[] root = MerkleTree.root(leaves);
        List<byte[]> proof = MerkleTree.inclusionProof(5, leaves);
        assertThat(MerkleTree.verifyInclusion(5, 13, leaves.get(6), proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(4, 13, leaves.get(5), proof, root)).isFalse();
        List<byte[]> changed = new ArrayList<>(proof);
        changed.set(1, MerkleTree.leafHash("forged".getBytes(StandardCharsets.UTF_8)));
        assertThat(MerkleTree.verifyInclusion(5, 13, leaves.get(5), changed, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(13, 13, leaves.get(5), proof, root)).isFalse();
    }

    @Test
    void everyOlderTreeHasAConsistencyProofToEveryNewerOne() {
        for (int n = 1; n <= 40; n++) {
            List<byte[]> leaves = leaves(n);
            byte[] newRoot = MerkleTree.root(leaves);
            for (int m = 1; m <= n; m++) {
                byte[] oldRoot = MerkleTree.root(leaves.subList(0, m));
                List<byte[]> proof = MerkleTree.consistencyProof(m, leaves);
                assertThat(MerkleTree.verifyConsistency(m, n, oldRoot, newRoot, proof)).as("%d -> %d", m, n).isTrue();
            }
        }
    }

    @Test
    void consistencyProofFailsWhenHistoryWasRewritten() {
        List<byte[]> leaves = leaves(21);
        byte[] oldRoot = MerkleTree.root(leaves.subList(0, 7));
        List<byte[]> rewritten = new ArrayList<>(leaves);
        rewritten.set(3, MerkleTree.leafHash("rewritten".getBytes(StandardCharsets.UTF_8)));
        byte[] rewrittenRoot = MerkleTree.root(rewritten);
        List<byte[]> proof = MerkleTree.consistencyProof(7, rewritten);
        assertThat(MerkleTree.verifyConsistency(7, 21, oldRoot, rewrittenRoot, proof)).isFalse();
        assertThat(MerkleTree.verifyConsistency(7, 21, oldRoot, MerkleTree.root(leaves), List.of())).isFalse();
    }

    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(MerkleTree.leafHash(("entry-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return leaves;
    }

    /** RFC 6962 MTH written as literally as the RFC states it, to check the production code against. */
    private static byte[] naiveRoot(List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = 1;
        while (k * 2 < leaves.size()) {
            k *= 2;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((byte) 1);
            sha.update(naiveRoot(leaves.subList(0, k)));
            sha.update(naiveRoot(leaves.subList(k, leaves.size())));
            return sha.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

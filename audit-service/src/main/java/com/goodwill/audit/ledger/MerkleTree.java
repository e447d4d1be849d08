package com.goodwill.audit.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merkle tree hashing, inclusion and consistency proofs as defined for Certificate Transparency
 * (RFC 6962 section 2.1, RFC 9162 section 2.1), over SHA-256. Plain Java: the ledger's leaves are the
 * entries' chain hashes in append order, so a tree head of size n commits to the first n entries.
 */
public final class MerkleTree {

    private MerkleTree() {
    }

    /** MTH of a single leaf: SHA-256(0x00 || data). */
    public static byte[] leafHash(byte[] data) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        sha.update(data);
        return sha.digest();
    }

    /** An interior node: SHA-256(0x01 || left || right). */
    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** The tree head (root) over the given leaf hashes; the hash of the empty string for no leaves. */
    public static byte[] root(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return sha256().digest();
        }
        return subtreeRoot(leafHashes, 0, leafHashes.size());
    }

    private static byte[] subtreeRoot(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = largestPowerOfTwoBelow(n);
        return nodeHash(subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to));
    }

    /** The audit path proving that leaf {@code index} is in the tree of the given leaves (RFC 6962 PATH). */
    public static List<byte[]> inclusionProof(int index, List<byte[]> leafHashes) {
        if (index < 0 || index >= leafHashes.size()) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + leafHashes.size());
        }
        List<byte[]> path = new ArrayList<>();
        path(index, leafHashes, 0, leafHashes.size(), path);
        return path;
    }

    private static void path(int m, List<byte[]> leaves, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n <= 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, leaves, from, from + k, out);
            out.add(subtreeRoot(leaves, from + k, to));
        } else {
            path(m - k, leaves, from + k, to, out);
            out.add(subtreeRoot(leaves, from, from + k));
        }
    }

    /** The proof that the tree of the first {@code oldSize} leaves is a prefix of the whole tree (RFC 6962 PROOF). */
    public static List<byte[]> consistencyProof(int oldSize, List<byte[]> leafHashes) {
        int n = leafHashes.size();
        if (oldSize < 1 || oldSize > n) {
            throw new IllegalArgumentException("no consistency proof from size " + oldSize + " to size " + n);
        }
        List<byte[]> proof = new ArrayList<>();
        if (oldSize < n) {
            subproof(oldSize, leafHashes, 0, n, true, proof);
        }
        return proof;
    }

    private static void subproof(int m, List<byte[]> leaves, int from, int to, boolean complete, List<byte[]> out) {
        int n = to - from;
        if (m == n) {
            if (!complete) {
                out.add(subtreeRoot(leaves, from, to));
            }
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, leaves, from, from + k, complete, out);
            out.add(subtreeRoot(leaves, from + k, to));
        } else {
            subproof(m - k, leaves, from + k, to, false, out);
            out.add(subtreeRoot(leaves, from, from + k));
        }
    }

    /** Verifies an inclusion proof (RFC 9162 section 2.1.3.2). */
    public static boolean verifyInclusion(int index, int treeSize, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= treeSize) {
            return false;
        }
        long fn = index;
        long sn = treeSize - 1L;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** Verifies a consistency proof between two tree heads (RFC 9162 section 2.1.4.2). */
    public static boolean verifyConsistency(int oldSize, int newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
        if (oldSize < 1 || oldSize > newSize) {
            return false;
        }
        if (oldSize == newSize) {
            return proof.isEmpty() && Arrays.equals(oldRoot, newRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(oldSize) == 1) {
            // The old tree is a complete subtree: its root is the first node of the path.
            path.add(0, oldRoot);
        }
        long fn = oldSize - 1L;
        long sn = newSize - 1L;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, oldRoot) && Arrays.equals(sr, newRoot);
    }

    /** The largest power of two smaller than n (n > 1). */
    static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

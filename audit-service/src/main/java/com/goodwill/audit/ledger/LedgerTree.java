package com.goodwill.audit.ledger;

import com.goodwill.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.HexFormat;
import java.util.List;

/**
 * The ledger seen as a Merkle tree: leaf i is the chain hash of entry i + 1, so a tree head of size n
 * commits to the first n entries and anyone holding it can check inclusion and append-only growth.
 */
@ApplicationScoped
public class LedgerTree {

    private static final HexFormat HEX = HexFormat.of();

    public record TreeHead(long treeSize, String rootHash) {
    }

    public record InclusionProof(long sequence, long leafIndex, long treeSize, String leafHash, List<String> auditPath,
                                 String rootHash) {
    }

    public record ConsistencyProof(long fromSize, long toSize, String fromRoot, String toRoot, List<String> proof) {
    }

    private final EntityManager entityManager;

    public LedgerTree(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The number of entries: sequences have no gaps, so the last one's. */
    @Transactional
    public long size() {
        return ((Number) entityManager.createNativeQuery("select coalesce(max(sequence), 0) from ledger_entry")
                .getSingleResult()).longValue();
    }

    @Transactional
    public TreeHead head(Long requestedSize) {
        long size = requestedSize == null ? size() : checkedSize("treeSize", requestedSize);
        return new TreeHead(size, HEX.formatHex(MerkleTree.root(leaves(size))));
    }

    @Transactional
    public InclusionProof inclusion(long sequence, Long requestedSize) {
        long size = requestedSize == null ? size() : checkedSize("treeSize", requestedSize);
        if (sequence < 1 || sequence > size) {
            throw ProblemException.badRequest("sequence", "must be between 1 and the tree size " + size);
        }
        List<byte[]> leaves = leaves(size);
        int index = (int) (sequence - 1);
        return new InclusionProof(sequence, index, size, HEX.formatHex(leaves.get(index)),
                MerkleTree.inclusionProof(index, leaves).stream().map(HEX::formatHex).toList(),
                HEX.formatHex(MerkleTree.root(leaves)));
    }

    @Transactional
    public ConsistencyProof consistency(long fromSize, long toSize) {
        long to = checkedSize("to", toSize);
        if (fromSize < 1 || fromSize > to) {
            throw ProblemException.badRequest("from", "must be between 1 and to (" + to + ")");
        }
        List<byte[]> leaves = leaves(to);
        return new ConsistencyProof(fromSize, to, HEX.formatHex(MerkleTree.root(leaves.subList(0, (int) fromSize))),
                HEX.formatHex(MerkleTree.root(leaves)),
                MerkleTree.consistencyProof((int) fromSize, leaves).stream().map(HEX::formatHex).toList());
    }

    /** The leaf hash of an entry: RFC 6962 leaf hashing over its 32-byte chain hash. */
    public static byte[] leafOf(String entryHash) {
        return MerkleTree.leafHash(HEX.parseHex(entryHash.trim()));
    }

    private long checkedSize(String field, long requested) {
        long size = size();
        if (requested < 0 || requested > size) {
            throw ProblemException.badRequest(field, "must be between 0 and the ledger's size " + size);
        }
        return requested;
    }

    @SuppressWarnings("unchecked")
    private List<byte[]> leaves(long size) {
        List<String> hashes = entityManager
                .createNativeQuery("select entry_hash from ledger_entry where sequence <= ?1 order by sequence")
                .setParameter(1, size)
                .getResultList();
        return hashes.stream().map(LedgerTree::leafOf).toList();
    }
}

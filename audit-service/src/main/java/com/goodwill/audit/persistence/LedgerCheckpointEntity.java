package com.goodwill.audit.persistence;

import com.goodwill.contracts.ledger.LedgerCheckpoint;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One signed checkpoint of the ledger. Rows are never updated (a database trigger refuses it). */
@Entity
@Table(name = "ledger_checkpoint")
public class LedgerCheckpointEntity extends PanacheEntityBase {

    @Id
    @Column(name = "tree_size")
    public Long treeSize;
    @Column(name = "root_hash")
    public String rootHash;
    @Column(name = "created_at")
    public Instant createdAt;
    public String algorithm;
    @Column(name = "key_id")
    public String keyId;
    public String signature;

    public static LedgerCheckpointEntity of(LedgerCheckpoint checkpoint) {
        LedgerCheckpointEntity row = new LedgerCheckpointEntity();
        row.treeSize = checkpoint.treeSize();
        row.rootHash = checkpoint.rootHash();
        row.createdAt = checkpoint.createdAt();
        row.algorithm = checkpoint.algorithm();
        row.keyId = checkpoint.keyId();
        row.signature = checkpoint.signature();
        return row;
    }

    public LedgerCheckpoint toCheckpoint() {
        return new LedgerCheckpoint(treeSize, rootHash.trim(), createdAt, algorithm, keyId, signature);
    }
}

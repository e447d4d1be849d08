package com.goodwill.audit.ledger;

import com.goodwill.audit.config.AuditConfig;
import com.goodwill.audit.persistence.LedgerCheckpointEntity;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.Subjects;
import com.goodwill.contracts.ledger.LedgerCheckpoint;
import com.goodwill.kit.ids.DerivedId;
import com.goodwill.kit.outbox.Outbox;
import com.goodwill.kit.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Signed Merkle checkpoints of the ledger: every so many entries or so much time, the root of the tree over
 * all entries so far, signed with the service's Ed25519 key, stored and published (through the outbox, in the
 * same transaction). Proofs are answered against a checkpoint, so a verifier needs to trust only the key.
 */
@ApplicationScoped
public class Checkpoints {

    private static final Logger LOG = Logger.getLogger(Checkpoints.class);
    /** Arbitrary but fixed: one instance at a time decides and writes the next checkpoint. */
    private static final long CHECKPOINT_LOCK = 0x6c6564676572636bL;
    static final String SOURCE = "/goodwill/audit-service";

    private final EntityManager entityManager;
    private final LedgerTree tree;
    private final CheckpointSigner signer;
    private final Outbox outbox;
    private final Clock clock;
    private final CheckpointPolicy policy;

    public Checkpoints(EntityManager entityManager, LedgerTree tree, CheckpointSigner signer, Outbox outbox, Clock clock,
                       AuditConfig config) {
        this.entityManager = entityManager;
        this.tree = tree;
        this.signer = signer;
        this.outbox = outbox;
        this.clock = clock;
        this.policy = new CheckpointPolicy(config.checkpoints().everyEntries(), config.checkpoints().every());
    }

    @Scheduled(every = "${goodwill.audit.checkpoints.sweep:PT5S}", delayed = "${goodwill.audit.checkpoints.sweep:PT5S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        createIfDue();
    }

    /** Makes a checkpoint if the policy says one is due; returns it. */
    public Optional<LedgerCheckpoint> createIfDue() {
        return QuarkusTransaction.requiringNew().call(() -> create(false));
    }

    /** Makes a checkpoint of the whole ledger now, unless nothing was appended since the last one. */
    public Optional<LedgerCheckpoint> createNow() {
        return QuarkusTransaction.requiringNew().call(() -> create(true));
    }

    private Optional<LedgerCheckpoint> create(boolean force) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(" + CHECKPOINT_LOCK + ")").getSingleResult();
        long size = tree.size();
        Optional<LedgerCheckpointEntity> last = latestRow();
        long lastSize = last.map(c -> c.treeSize).orElse(0L);
        if (size <= lastSize) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!force && !policy.due(lastSize, last.map(c -> c.createdAt).orElseGet(this::firstRecordedAt), size, now)) {
            return Optional.empty();
        }
        LedgerCheckpoint checkpoint = signer.sign(size, tree.head(size).rootHash(), now);
        LedgerCheckpointEntity.of(checkpoint).persist();
        // The id derives from the tree size: a checkpoint is published once whatever retries happen.
        outbox.publish(Topics.LEDGER_CHECKPOINTS, EventCodec.wrap(DerivedId.of("ledger-checkpoint", Long.toString(size)),
                EventTypes.LEDGER_CHECKPOINT, SOURCE, Subjects.LEDGER, checkpoint.createdAt(), null, null, checkpoint));
        LOG.infof("Ledger checkpoint of %d entries, root %s, signed with key %s", size, checkpoint.rootHash(),
                checkpoint.keyId());
        return Optional.of(checkpoint);
    }

    @Transactional
    public CheckpointPage page(int page, int size) {
        List<LedgerCheckpoint> checkpoints = LedgerCheckpointEntity.<LedgerCheckpointEntity>find("order by treeSize desc")
                .page(page, size).list().stream().map(LedgerCheckpointEntity::toCheckpoint).toList();
        return new CheckpointPage(page, size, LedgerCheckpointEntity.count(), checkpoints);
    }

    @Transactional
    public Optional<LedgerCheckpoint> latest() {
        return latestRow().map(LedgerCheckpointEntity::toCheckpoint);
    }

    @Transactional
    public Optional<LedgerCheckpoint> find(long treeSize) {
        return LedgerCheckpointEntity.<LedgerCheckpointEntity>findByIdOptional(treeSize)
                .map(LedgerCheckpointEntity::toCheckpoint);
    }

    /** Proof that entry {@code sequence} is in the checkpoint of {@code treeSize} entries. */
    @Transactional
    public CheckpointInclusionProof inclusion(long treeSize, long sequence) {
        LedgerCheckpoint checkpoint = existing(treeSize);
        if (sequence < 1 || sequence > treeSize) {
            throw ProblemException.badRequest("sequence", "must be between 1 and the checkpoint's tree size " + treeSize);
        }
        LedgerTree.InclusionProof proof = tree.inclusion(sequence, treeSize);
        requireSameRoot(checkpoint, proof.rootHash());
        return new CheckpointInclusionProof(sequence, proof.leafIndex(), proof.leafHash(), proof.auditPath(), checkpoint);
    }

    /** Proof that the checkpoint of {@code to} entries only appended to the checkpoint of {@code from} entries. */
    @Transactional
    public CheckpointConsistencyProof consistency(long from, long to) {
        if (from > to) {
            throw ProblemException.badRequest("from", "must not be greater than to (" + to + ")");
        }
        LedgerCheckpoint older = existing(from);
        LedgerCheckpoint newer = existing(to);
        LedgerTree.ConsistencyProof proof = tree.consistency(from, to);
        requireSameRoot(older, proof.fromRoot());
        requireSameRoot(newer, proof.toRoot());
        return new CheckpointConsistencyProof(older, newer, proof.proof());
    }

    public CheckpointKey key() {
        return new CheckpointKey(signer.keyId(), LedgerCheckpoint.ALGORITHM, signer.publicKeyBase64());
    }

    private LedgerCheckpoint existing(long treeSize) {
        return find(treeSize).orElseThrow(() -> ProblemException.notFound("There is no checkpoint of tree size " + treeSize));
    }

    /** A proof against entries that no longer hash to the signed root would prove nothing: say what happened instead. */
    private static void requireSameRoot(LedgerCheckpoint checkpoint, String recomputedRoot) {
        if (!checkpoint.rootHash().equals(recomputedRoot)) {
            LOG.errorf("The ledger's first %d entries no longer hash to checkpoint root %s but to %s",
                    checkpoint.treeSize(), checkpoint.rootHash(), recomputedRoot);
            throw new ProblemException(409, "Ledger disagrees with its checkpoint", "The first " + checkpoint.treeSize()
                    + " entries no longer hash to the signed root of their checkpoint: the ledger was changed after it was signed",
                    List.of());
        }
    }

    private Optional<LedgerCheckpointEntity> latestRow() {
        return LedgerCheckpointEntity.<LedgerCheckpointEntity>find("order by treeSize desc").firstResultOptional();
    }

    private Instant firstRecordedAt() {
        return (Instant) entityManager.createQuery("select e.recordedAt from LedgerEntryEntity e where e.sequence = 1")
                .getSingleResult();
    }
}

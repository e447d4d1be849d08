package com.goodwill.decision.service;

import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.decision.PolicyActivated;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.Subjects;
import com.goodwill.decision.persistence.PolicyActivationEntity;
import com.goodwill.decision.persistence.PolicyVersionEntity;
import com.goodwill.decision.policy.PolicyDocument;
import com.goodwill.decision.policy.PolicySchema;
import com.goodwill.kit.ids.DerivedId;
import com.goodwill.kit.outbox.Outbox;
import com.goodwill.kit.problem.Problem;
import com.goodwill.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Policy versions and their activations. A version is validated before it is stored and never changes after;
 * activating one for a market (or rolling back to the one before) is recorded and announced as
 * {@link EventTypes#POLICY_ACTIVATED} in the same transaction, through the outbox.
 */
@ApplicationScoped
public class PolicyService {

    private static final Logger LOG = Logger.getLogger(PolicyService.class);

    private final Outbox outbox;
    private final Clock clock;
    private final EntityManager entityManager;
    /** Parsed documents by version: safe to keep because a version never changes. */
    private final Map<String, PolicyDocument> documents = new ConcurrentHashMap<>();
    private volatile InForce inForce;

    public PolicyService(Outbox outbox, Clock clock, EntityManager entityManager) {
        this.outbox = outbox;
        this.clock = clock;
        this.entityManager = entityManager;
    }

    /** Refuses the document with a 400 problem listing every schema error at its JSON Pointer. */
    public static PolicyDocument requireValid(String json) {
        List<Problem.FieldError> errors = PolicySchema.errors(json);
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Invalid policy document", errors.size() + " error(s) in the policy document",
                    errors);
        }
        return PolicyDocument.parse(json);
    }

    public static String contentHash(String json) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Stores a new immutable version named {@code <UTC date>.<n>}, the n-th version created that day. */
    @Transactional
    public PolicyVersionEntity create(String json, String createdBy) {
        PolicyDocument document = requireValid(json);
        Instant now = clock.instant();
        // Serialises version numbering; readers (decisions) are not blocked by this lock mode.
        entityManager.createNativeQuery("lock table policy_version in share row exclusive mode").executeUpdate();
        String day = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        long sameDay = PolicyVersionEntity.count("version like ?1", day + ".%");
        PolicyVersionEntity version = new PolicyVersionEntity();
        version.version = day + "." + (sameDay + 1);
        version.document = json;
        version.contentHash = contentHash(json);
        version.createdAt = now;
        version.createdBy = createdBy;
        version.persist();
        documents.put(version.version, document);
        LOG.infof("Policy version %s created by %s (%s)", version.version, createdBy, version.contentHash);
        return version;
    }

    @Transactional
    public PolicyActivationEntity activate(String versionId, String market, String activatedBy) {
        PolicyDocument document = document(versionId)
                .orElseThrow(() -> ProblemException.notFound("No policy version " + versionId));
        if (!covers(document, market)) {
            throw new ProblemException(409, "Policy version does not cover the market",
                    "Version " + versionId + " has no rules for market " + market
                            + (PolicyDocument.DEFAULT_MARKET.equals(market) ? "" : " nor for " + PolicyDocument.DEFAULT_MARKET),
                    List.of(new Problem.FieldError("market", "is not covered by version " + versionId)));
        }
        lockActivations();
        Optional<PolicyActivationEntity> current = PolicyActivationEntity.current(market);
        if (current.isPresent() && current.get().version.equals(versionId)) {
            throw new ProblemException(409, "Policy version already active",
                    "Version " + versionId + " is already active for market " + market,
                    List.of(new Problem.FieldError("version", "is already active for market " + market)));
        }
        return record(market, versionId, current.map(c -> c.version).orElse(null), PolicyActivationEntity.ACTIVATION,
                current.map(c -> c.activationId).orElse(null), activatedBy);
    }

    /** Restores the activation that was in force before the market's current one. */
    @Transactional
    public PolicyActivationEntity rollback(String market, String activatedBy) {
        lockActivations();
        PolicyActivationEntity current = PolicyActivationEntity.current(market)
                .orElseThrow(() -> new ProblemException(409, "Nothing to roll back",
                        "No policy version was ever activated for market " + market, List.of()));
        if (current.supersedes == null) {
            throw new ProblemException(409, "Nothing to roll back",
                    "Version " + current.version + " was the first one activated for market " + market, List.of());
        }
        PolicyActivationEntity restored = PolicyActivationEntity.findById(current.supersedes);
        return record(market, restored.version, current.version, PolicyActivationEntity.ROLLBACK, restored.supersedes,
                activatedBy);
    }

    /** The version in force for the market (its own activation, else the default's) and its rules for that market. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ActivePolicy> activeFor(String orderMarket) {
        return inForce().activeFor(orderMarket);
    }

    /**
     * The policies in force now, for any market, read with one cheap statement: the markets' active policies are
     * cached per state of the activation log and built again only after an activation or rollback (of this instance or
     * another, since the log is in the shared database). A decision made in a transaction that began after an
     * activation committed therefore decides with the activated version.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public InForce inForce() {
        Object[] log = (Object[]) entityManager.createNativeQuery(
                "select coalesce(max(activation_id), 0), count(*) from policy_activation").getSingleResult();
        ActivationStamp stamp = new ActivationStamp(((Number) log[0]).longValue(), ((Number) log[1]).longValue());
        InForce current = inForce;
        if (current == null || !current.stamp.equals(stamp)) {
            current = new InForce(stamp);
            inForce = current;
        }
        return current;
    }

    private record ActivationStamp(long lastActivation, long activations) {
    }

    /** The active policy per market as of one state of the activation log; filled as markets are asked for. */
    public final class InForce {

        private final ActivationStamp stamp;
        private final Map<String, Optional<ActivePolicy>> byMarket = new ConcurrentHashMap<>();

        private InForce(ActivationStamp stamp) {
            this.stamp = stamp;
        }

        public Optional<ActivePolicy> activeFor(String orderMarket) {
            // An order without a market is decided by the default rules rather than not at all.
            String market = orderMarket == null ? PolicyDocument.DEFAULT_MARKET : orderMarket;
            Optional<ActivePolicy> known = byMarket.get(market);
            if (known != null) {
                return known;
            }
            Optional<ActivePolicy> active = PolicyActivationEntity.inForce(market).flatMap(a -> document(a.version)
                    .flatMap(d -> d.rulesFor(market).map(rules -> new ActivePolicy(a.version, d, rules))));
            byMarket.put(market, active);
            return active;
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PolicyDocument> document(String versionId) {
        PolicyDocument cached = documents.get(versionId);
        if (cached != null) {
            return Optional.of(cached);
        }
        return PolicyVersionEntity.<PolicyVersionEntity>findByIdOptional(versionId)
                .map(v -> documents.computeIfAbsent(v.version, k -> PolicyDocument.parse(v.document)));
    }

    private static boolean covers(PolicyDocument document, String market) {
        // The default activation must answer for every market, so it needs default rules of its own.
        return PolicyDocument.DEFAULT_MARKET.equals(market)
                ? document.markets().containsKey(PolicyDocument.DEFAULT_MARKET)
                : document.rulesFor(market).isPresent();
    }

    /** One activation at a time, so "previous version" is always the one really replaced. */
    private void lockActivations() {
        entityManager.createNativeQuery("lock table policy_activation in share row exclusive mode").executeUpdate();
    }

    private PolicyActivationEntity record(String market, String versionId, String previousVersion, String kind,
                                          Long supersedes, String activatedBy) {
        Instant now = clock.instant();
        PolicyActivationEntity activation = new PolicyActivationEntity();
        activation.market = market;
        activation.version = versionId;
        activation.previousVersion = previousVersion;
        activation.kind = kind;
        activation.supersedes = supersedes;
        activation.activatedAt = now;
        activation.activatedBy = activatedBy;
        activation.persist();
        entityManager.flush();

        PolicyActivated event = new PolicyActivated(market, versionId, previousVersion, activatedBy, now);
        String subject = Subjects.policy(market);
        outbox.publish(Topics.DECISIONS, EventCodec.wrap(DerivedId.of("policy-activation", activation.activationId.toString()),
                EventTypes.POLICY_ACTIVATED, DecisionService.SOURCE, subject, now, subject, null, event));
        LOG.infof("Policy version %s active for market %s (%s by %s, was %s)", versionId, market, kind.toLowerCase(),
                activatedBy, previousVersion);
        return activation;
    }
}

package com.goodwill.audit.ledger;

import com.goodwill.audit.persistence.LedgerEntryEntity;
import com.goodwill.audit.persistence.LedgerFacetEntity;
import com.goodwill.contracts.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds ledger entries by their facts, in append order, a page at a time after a given sequence (keyset
 * pagination: a page is the same whatever is appended meanwhile, and deep pages cost no more than the first).
 */
@ApplicationScoped
public class LedgerSearch {

    /** The event types the ledger records; a search for another type is a mistake, not an empty answer. */
    public static final Set<String> EVENT_TYPES = Set.of(
            EventTypes.ORDER_PLACED, EventTypes.ORDER_SHIPPED, EventTypes.ORDER_DELIVERED, EventTypes.ORDER_CANCELLED,
            EventTypes.ORDER_RETURNED, EventTypes.PROBLEM_REPORTED, EventTypes.CARRIER_TRACKING,
            EventTypes.CARRIER_PAYLOAD, EventTypes.INCIDENT_OPENED, EventTypes.INCIDENT_ESCALATED,
            EventTypes.INCIDENT_RESOLVED, EventTypes.DECISION_MADE, EventTypes.COMPENSATION_REQUESTED,
            EventTypes.FULFILMENT_RECORDED, EventTypes.POLICY_ACTIVATED);

    /** One entry found, with its facts. */
    public record Found(LedgerEntryEntity entry, LedgerFacetEntity facets) {
    }

    private final EntityManager entityManager;

    public LedgerSearch(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Up to {@code limit} matching entries with a sequence above {@code after}, in sequence order. */
    @Transactional
    public List<Found> page(SearchCriteria criteria, long after, int limit) {
        StringBuilder jpql = new StringBuilder(
                "select e, f from LedgerFacetEntity f, LedgerEntryEntity e where e.sequence = f.sequence and f.sequence > :after");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("after", after);
        if (criteria.from() != null) {
            jpql.append(" and f.eventTime >= :from");
            parameters.put("from", criteria.from());
        }
        if (criteria.to() != null) {
            jpql.append(" and f.eventTime < :to");
            parameters.put("to", criteria.to());
        }
        if (!criteria.types().isEmpty()) {
            jpql.append(" and f.eventType in :types");
            parameters.put("types", criteria.types());
        }
        equal(jpql, parameters, "carrier", criteria.carrier());
        equal(jpql, parameters, "reasonCode", criteria.reasonCode());
        equal(jpql, parameters, "market", criteria.market());
        equal(jpql, parameters, "orderId", criteria.orderId());
        equal(jpql, parameters, "customerId", criteria.customerId());
        jpql.append(" order by f.sequence");

        TypedQuery<Object[]> query = entityManager.createQuery(jpql.toString(), Object[].class).setMaxResults(limit);
        parameters.forEach(query::setParameter);
        List<Found> found = new ArrayList<>();
        for (Object[] row : query.getResultList()) {
            found.add(new Found((LedgerEntryEntity) row[0], (LedgerFacetEntity) row[1]));
        }
        return found;
    }

    private static void equal(StringBuilder jpql, Map<String, Object> parameters, String field, String value) {
        if (value != null) {
            jpql.append(" and f.").append(field).append(" = :").append(field);
            parameters.put(field, value);
        }
    }
}

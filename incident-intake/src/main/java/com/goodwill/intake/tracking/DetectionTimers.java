package com.goodwill.intake.tracking;

import com.goodwill.intake.persistence.DetectionTimerEntity;
import com.goodwill.intake.persistence.DetectionTimerEntity.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pending timer checks, one per kind and subject. Setting a timer again moves it; the sweep finds due
 * timers through the due-time index, locking each so that two instances never fire the same one.
 */
@ApplicationScoped
public class DetectionTimers {

    private final EntityManager entityManager;
    private final Clock clock;

    public DetectionTimers(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    public static String keyOf(Kind kind, String subject) {
        return kind.name() + ":" + subject;
    }

    /** Sets (or moves) the timer of this kind for an order or shipment. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void set(Kind kind, String orderId, String shipmentId, Instant dueAt) {
        upsert(keyOf(kind, shipmentId != null ? shipmentId : orderId), kind, orderId, shipmentId, null, null, dueAt, true);
    }

    /** The first unmatched event of a tracking number starts its clock; later ones do not restart it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setOnce(Kind kind, String carrier, String trackingNumber, Instant dueAt) {
        upsert(keyOf(kind, carrier + ":" + trackingNumber), kind, null, null, carrier, trackingNumber, dueAt, false);
    }

    /** Sets (or moves) several timers of one shipment in one statement: every scan moves two of them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setAll(String orderId, String shipmentId, Map<Kind, Instant> dueAt) {
        StringBuilder sql = new StringBuilder("insert into detection_timer (timer_key, kind, order_id, shipment_id, due_at, set_at) values ");
        List<Object> parameters = new ArrayList<>();
        Timestamp now = Timestamp.from(clock.instant());
        dueAt.forEach((kind, due) -> {
            sql.append(parameters.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
            parameters.addAll(List.of(keyOf(kind, shipmentId), kind.name(), orderId, shipmentId, Timestamp.from(due), now));
        });
        sql.append(" on conflict (timer_key) do update set due_at = excluded.due_at, set_at = excluded.set_at");
        var query = entityManager.createNativeQuery(sql.toString());
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        query.executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(Kind kind, String subject) {
        cancelAll(subject, kind);
    }

    /** Cancels several timers of one subject in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelAll(String subject, Kind... kinds) {
        entityManager.createQuery("delete from DetectionTimerEntity t where t.timerKey in ?1")
                .setParameter(1, java.util.Arrays.stream(kinds).map(kind -> keyOf(kind, subject)).toList()).executeUpdate();
    }

    /**
     * Due timers, oldest first, locked; ones another instance holds are skipped, not waited for. A timer set
     * less than {@code allowedLateness} ago waits: the events that would stop it may be on their way.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<DetectionTimerEntity> lockDue(Instant now, Duration allowedLateness, int limit) {
        return entityManager.createNativeQuery("select * from detection_timer where due_at <= ?1 and set_at <= ?2 "
                        + "order by due_at limit ?3 for update skip locked", DetectionTimerEntity.class)
                .setParameter(1, Timestamp.from(now)).setParameter(2, Timestamp.from(now.minus(allowedLateness)))
                .setParameter(3, limit).getResultList();
    }

    private void upsert(String key, Kind kind, String orderId, String shipmentId, String carrier, String trackingNumber,
                        Instant dueAt, boolean move) {
        entityManager.createNativeQuery("insert into detection_timer (timer_key, kind, order_id, shipment_id, carrier, "
                        + "tracking_number, due_at, set_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict (timer_key) do "
                        + (move ? "update set due_at = excluded.due_at, set_at = excluded.set_at" : "nothing"))
                .setParameter(1, key).setParameter(2, kind.name()).setParameter(3, orderId).setParameter(4, shipmentId)
                .setParameter(5, carrier).setParameter(6, trackingNumber).setParameter(7, Timestamp.from(dueAt))
                .setParameter(8, Timestamp.from(clock.instant()))
                .executeUpdate();
    }
}

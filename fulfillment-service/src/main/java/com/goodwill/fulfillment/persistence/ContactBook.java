package com.goodwill.fulfillment.persistence;

import com.goodwill.contracts.order.OrderPlaced;
import com.goodwill.fulfillment.notification.Contact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whom to tell about an order: the customer's address, name, language and payment method and the promised delivery
 * date, from the order's placement. Kept in this service's own schema; the address never leaves it.
 */
@ApplicationScoped
public class ContactBook {

    private final EntityManager entityManager;

    public ContactBook(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Records the contact of a placed order. A placement re-sent with a later time replaces the earlier one (an
     * order system correcting the address); an older one changes nothing.
     *
     * @param language the language already resolved (order's, else market's, else default)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(OrderPlaced order, String language, Instant now) {
        entityManager.createNativeQuery("""
                        insert into customer_contact (order_id, customer_id, email, language, market, payment_method,
                                                      promised_delivery_by, placed_at, recorded_at, customer_name)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                        on conflict (order_id) do update set customer_id = excluded.customer_id, email = excluded.email,
                            customer_name = excluded.customer_name, language = excluded.language, market = excluded.market,
                            payment_method = excluded.payment_method,
                            promised_delivery_by = excluded.promised_delivery_by, placed_at = excluded.placed_at,
                            recorded_at = excluded.recorded_at
                        where customer_contact.placed_at <= excluded.placed_at""")
                .setParameter(1, order.orderId())
                .setParameter(2, order.customerId())
                .setParameter(3, blankToNull(order.customerEmail()))
                .setParameter(4, language)
                .setParameter(5, order.market())
                .setParameter(6, order.paymentMethod())
                .setParameter(7, order.promisedDeliveryBy())
                .setParameter(8, order.occurredAt())
                .setParameter(9, now)
                .setParameter(10, blankToNull(order.customerName()))
                .executeUpdate();
    }

    public Optional<Contact> find(String orderId) {
        return Optional.ofNullable(findAll(List.of(orderId)).get(orderId));
    }

    /** The contacts of many orders in one round trip (orders without one are absent); queries without flushing. */
    public Map<String, Contact> findAll(Collection<String> orderIds) {
        if (orderIds.isEmpty()) {
            return Map.of();
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    select order_id, customer_id, email, language, market, payment_method, promised_delivery_by,
                           customer_name
                    from customer_contact where order_id = any(?)""")) {
                select.setArray(1, connection.createArrayOf("text", orderIds.toArray(String[]::new)));
                Map<String, Contact> found = new HashMap<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Timestamp promised = rs.getTimestamp(7);
                        Contact contact = new Contact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), promised == null ? null : promised.toInstant(),
                                rs.getString(8));
                        found.put(contact.orderId(), contact);
                    }
                }
                return found;
            }
        });
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

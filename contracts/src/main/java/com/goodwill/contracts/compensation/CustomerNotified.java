package com.goodwill.contracts.compensation;

import java.time.Instant;

/**
 * A message went out to the customer about a compensation. Published by fulfillment-service on the fulfilment
 * results topic, keyed by order id. Ids and facts only: neither the address nor the text travels on the topic.
 *
 * @param kind     what the message says, e.g. COMPENSATION_ANNOUNCED, REFUND_BOOKED, REPLACEMENT_SHIPPED,
 *                 CREDIT_AVAILABLE, FALLBACK_APPLIED
 * @param template the template that was rendered
 * @param language the language it was written in (ISO-639-1, e.g. de, en)
 * @param channel  how it went out, e.g. EMAIL
 */
public record CustomerNotified(
        String messageId,
        String commandId,
        String decisionId,
        String orderId,
        String customerId,
        String kind,
        String template,
        String language,
        String channel,
        Instant sentAt) {
}

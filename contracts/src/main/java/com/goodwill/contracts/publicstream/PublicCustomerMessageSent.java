package com.goodwill.contracts.publicstream;

import java.time.Instant;

/**
 * A message about a compensation went out to the customer. Neither the address nor the text is on the stream.
 *
 * @param kind     what the message says, e.g. COMPENSATION_ANNOUNCED, CREDIT_AVAILABLE, FALLBACK_APPLIED
 * @param template the template that was rendered
 * @param language ISO-639-1, e.g. de
 * @param channel  how it went out, e.g. EMAIL
 */
public record PublicCustomerMessageSent(
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

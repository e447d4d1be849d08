package com.goodwill.contracts.order;

import com.goodwill.contracts.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * An order was placed with a promise: delivered by {@code promisedDeliveryBy}.
 *
 * <p>The customer fields after {@code occurredAt} are optional. {@code customerEmail} and {@code customerName} are
 * personal data: they stay on the order topic and in the stores of the services that write to the customer, never on
 * a public stream.
 * {@code shippingAddressId} and {@code paymentInstrumentId} are the shop's fingerprints of the address and the
 * payment instrument (not the address or card number), so that guardrails can see one address or card shared by
 * many accounts without learning either.
 *
 * @param language      the customer's language, ISO-639-1 (de, en, ...); messages fall back to English
 * @param customerSince when the customer's account was opened; null when the shop does not say
 * @param customerName  how the customer wants to be addressed in messages ("Anna Schmidt"); null when the shop does
 *                      not say, and the messages greet without a name
 */
public record OrderPlaced(
        @NotBlank @Size(max = 64) String eventId,
        @NotBlank @Size(max = 64) String orderId,
        @NotBlank @Size(max = 64) String customerId,
        @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO-3166 alpha-2 country code") String market,
        @NotBlank @Size(max = 32) String channel,
        @NotBlank @Size(max = 32) String paymentMethod,
        @NotNull @Valid Money orderValue,
        @Size(max = 500) List<@Valid @NotNull OrderItem> items,
        @NotNull Instant promisedDeliveryBy,
        @NotNull Instant occurredAt,
        @Email @Size(max = 254) String customerEmail,
        @Pattern(regexp = "[a-z]{2}", message = "must be an ISO-639-1 language code such as de") String language,
        @Size(max = 64) String shippingAddressId,
        @Size(max = 64) String paymentInstrumentId,
        Instant customerSince,
        @Size(max = 200) String customerName) implements OrderEvent {

    /** An order with the customer facts but without the customer's name. */
    public OrderPlaced(String eventId, String orderId, String customerId, String market, String channel,
                       String paymentMethod, Money orderValue, List<OrderItem> items, Instant promisedDeliveryBy,
                       Instant occurredAt, String customerEmail, String language, String shippingAddressId,
                       String paymentInstrumentId, Instant customerSince) {
        this(eventId, orderId, customerId, market, channel, paymentMethod, orderValue, items, promisedDeliveryBy,
                occurredAt, customerEmail, language, shippingAddressId, paymentInstrumentId, customerSince, null);
    }

    /** An order without the optional customer facts. */
    public OrderPlaced(String eventId, String orderId, String customerId, String market, String channel,
                       String paymentMethod, Money orderValue, List<OrderItem> items, Instant promisedDeliveryBy,
                       Instant occurredAt) {
        this(eventId, orderId, customerId, market, channel, paymentMethod, orderValue, items, promisedDeliveryBy,
                occurredAt, null, null, null, null, null, null);
    }
}

package com.goodwill.fulfillment.client;

import com.goodwill.fulfillment.execution.OutsideSystemRefusal;
import com.goodwill.fulfillment.execution.PaymentProvider;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The payment provider behind its port. Retries (exponential backoff with jitter) repeat the call with the same
 * idempotency key, so a refund whose answer was lost is answered, not executed, again; a refusal is not retried.
 * Every limit here is configuration ({@code com.goodwill.fulfillment.client.PaymentProviderGateway/Retry/...}).
 */
@ApplicationScoped
@Retry(maxRetries = 5, delay = 100, jitter = 80, maxDuration = 30_000, abortOn = OutsideSystemRefusal.class)
@ExponentialBackoff(factor = 2, maxDelay = 3_000)
@Timeout(3_000)
@CircuitBreaker(requestVolumeThreshold = 40, failureRatio = 0.75, delay = 3_000, successThreshold = 3,
        skipOn = OutsideSystemRefusal.class)
public class PaymentProviderGateway implements PaymentProvider {

    private final PaymentProviderClient client;

    public PaymentProviderGateway(@RestClient PaymentProviderClient client) {
        this.client = client;
    }

    @Override
    public RefundReceipt refund(Refund refund, String idempotencyKey) {
        try {
            PaymentProviderClient.RefundAnswer answer = client.refund(idempotencyKey, new PaymentProviderClient.RefundRequest(
                    refund.orderId(), refund.customerId(), refund.amount().amountMinor(), refund.amount().currency(),
                    refund.reason()));
            return new RefundReceipt(answer.refundId(), answer.status());
        } catch (RuntimeException e) {
            throw OutsideFailures.translate("payment provider", e);
        }
    }
}

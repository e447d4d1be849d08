package com.goodwill.fulfillment.execution;

/**
 * An outside system did not answer usefully (5xx, timeout, connection refused, circuit open). Retried with the same
 * idempotency key; when retries are exhausted the command fails with this message as its reason.
 */
public class OutsideSystemException extends RuntimeException {

    public OutsideSystemException(String message, Throwable cause) {
        super(message, cause);
    }

    public OutsideSystemException(String message) {
        super(message);
    }
}

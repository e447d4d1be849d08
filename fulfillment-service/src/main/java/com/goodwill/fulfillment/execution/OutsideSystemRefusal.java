package com.goodwill.fulfillment.execution;

/** The outside system answered that it will not do it (4xx other than out of stock): retrying cannot help. */
public class OutsideSystemRefusal extends RuntimeException {

    public OutsideSystemRefusal(String message) {
        super(message);
    }
}

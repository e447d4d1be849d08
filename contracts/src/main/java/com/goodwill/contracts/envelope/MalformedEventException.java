package com.goodwill.contracts.envelope;

/** A record that is not a valid platform event. Consumers send it to their dead-letter topic with this message. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}

package com.goodwill.fulfillment.client;

import com.goodwill.fulfillment.execution.OutsideSystemException;
import com.goodwill.fulfillment.execution.OutsideSystemRefusal;
import jakarta.ws.rs.WebApplicationException;

/** Sorts what a REST call threw into "try again" (5xx, timeouts, connection) and "it said no" (4xx). */
final class OutsideFailures {

    private OutsideFailures() {
    }

    static RuntimeException translate(String system, RuntimeException e) {
        if (e instanceof WebApplicationException web) {
            return translate(system, web.getResponse().getStatus(), body(web), e);
        }
        return unreachable(system, e);
    }

    /** An answer that is not a success: 4xx is a refusal, anything else a failure to try again. */
    static RuntimeException translate(String system, int status, String body) {
        return translate(system, status, body.length() > 200 ? body.substring(0, 200) : body, null);
    }

    /** No answer at all: connection refused or lost, or no answer within the read timeout. */
    static RuntimeException unreachable(String system, Throwable e) {
        return new OutsideSystemException(system + " unreachable: " + rootMessage(e), e);
    }

    private static RuntimeException translate(String system, int status, String body, Throwable cause) {
        if (status >= 400 && status < 500) {
            return new OutsideSystemRefusal(system + " refused with " + status + (body.isEmpty() ? "" : ": " + body));
        }
        return new OutsideSystemException(system + " answered " + status + (body.isEmpty() ? "" : ": " + body), cause);
    }

    static String body(WebApplicationException web) {
        try {
            web.getResponse().bufferEntity();
            String body = web.getResponse().readEntity(String.class);
            return body == null ? "" : body.length() > 200 ? body.substring(0, 200) : body;
        } catch (RuntimeException ignored) {
            return "";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}

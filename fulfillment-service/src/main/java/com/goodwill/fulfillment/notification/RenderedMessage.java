package com.goodwill.fulfillment.notification;

/** A message ready to send, with the template and language it was written from. */
public record RenderedMessage(String subject, String body, String template, String language) {
}

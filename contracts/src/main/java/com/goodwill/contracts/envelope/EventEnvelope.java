package com.goodwill.contracts.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event in structured JSON mode. {@code subject} is the order id; the two
 * extensions carry the incident id ({@code correlationid}) and the id of the event that caused
 * this one ({@code causationid}).
 *
 * <p>An envelope wrapped around an event object ({@link EventCodec#wrap}) keeps the object and writes it straight
 * into its JSON ({@link EnvelopeSerializer}); {@link #data()} builds its JSON tree only when asked, once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonSerialize(using = EnvelopeSerializer.class)
public record EventEnvelope(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String correlationid,
        String causationid,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";
    /** The Kafka {@code content-type} header of a structured-mode CloudEvent (CloudEvents Kafka binding). */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    /** The data as a JSON tree (built on the first call for an envelope wrapped around an event object). */
    @Override
    public JsonNode data() {
        return data instanceof EventPayload payload ? payload.tree() : data;
    }

    /** The data as given: a JSON tree, or the event object of {@link EventCodec#wrap}. */
    JsonNode dataAsGiven() {
        return data;
    }

    /** Equal when the attributes and the data as JSON are equal, however the data was given. */
    @Override
    public boolean equals(Object other) {
        return other instanceof EventEnvelope that
                && Objects.equals(specversion, that.specversion) && Objects.equals(id, that.id)
                && Objects.equals(source, that.source) && Objects.equals(type, that.type)
                && Objects.equals(subject, that.subject) && Objects.equals(time, that.time)
                && Objects.equals(datacontenttype, that.datacontenttype)
                && Objects.equals(correlationid, that.correlationid)
                && Objects.equals(causationid, that.causationid)
                && Objects.equals(data(), that.data());
    }

    @Override
    public int hashCode() {
        return Objects.hash(specversion, id, source, type, subject, time, datacontenttype, correlationid,
                causationid, data());
    }

    @Override
    public String toString() {
        return "EventEnvelope[specversion=" + specversion + ", id=" + id + ", source=" + source + ", type=" + type
                + ", subject=" + subject + ", time=" + time + ", datacontenttype=" + datacontenttype
                + ", correlationid=" + correlationid + ", causationid=" + causationid + ", data=" + data() + "]";
    }
}

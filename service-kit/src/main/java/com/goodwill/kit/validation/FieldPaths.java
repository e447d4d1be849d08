package com.goodwill.kit.validation;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.ArrayList;
import java.util.List;

/** Names a violated field the way a client wrote it ({@code shipments[0].trackingNumber}), without Java method or parameter names. */
public final class FieldPaths {

    private FieldPaths() {
    }

    public static String of(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.PARAMETER || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getIndex() != null && !parts.isEmpty()) {
                // Hibernate Validator puts a list element's index on the node after the list.
                parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + node.getIndex() + "]");
            }
            if (kind != ElementKind.CONTAINER_ELEMENT && node.getName() != null && !node.getName().isEmpty()) {
                parts.add(node.getName());
            }
        }
        return parts.isEmpty() ? "(body)" : String.join(".", parts);
    }

    /** The field a JSON document could not be read at. */
    public static String of(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(body)" : path.toString();
    }

    /** Jackson's message without the parser location that means nothing to a client. */
    public static String messageOf(JsonMappingException e) {
        String message = e.getOriginalMessage();
        int cut = message.indexOf(" at [Source");
        return cut > 0 ? message.substring(0, cut) : message;
    }
}

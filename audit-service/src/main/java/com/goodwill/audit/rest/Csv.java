package com.goodwill.audit.rest;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 records: fields with a comma, a quote or a line break are quoted, quotes doubled; lines end in CRLF. */
final class Csv {

    private Csv() {
    }

    static String line(List<String> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(",")) + "\r\n";
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}

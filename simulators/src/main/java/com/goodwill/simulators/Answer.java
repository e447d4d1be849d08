package com.goodwill.simulators;

/** An HTTP answer: status and JSON body. */
public record Answer(int status, String json) {

    public static Answer ok(String json) {
        return new Answer(200, json);
    }
}

package io.parley.server.chatflow.http;

import java.util.Map;

/** A response as read by one attempt: status, kept headers and text. */
record Answer(int status, Map<String, String> headers, String body) {
}

package com.goodwill.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.testsupport.MailServer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The demo's mail, readable without a mail client: {@code GET /mails} lists every mail the stack's SMTP server
 * received (oldest first) as JSON with recipient, subject, Message-ID, language and text; {@code ?to=<address>}
 * narrows it to one recipient. Loopback only: it is the demo's inbox, not a service.
 */
final class MailInbox implements AutoCloseable {

    private final HttpServer server;

    private MailInbox(HttpServer server) {
        this.server = server;
    }

    static MailInbox start(MailServer mail, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/mails", exchange -> answer(exchange, mail));
        server.start();
        return new MailInbox(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, MailServer mail) throws IOException {
        try (exchange) {
            String to = query(exchange, "to");
            ArrayNode list = EventCodec.mapper().createArrayNode();
            for (MimeMessage message : to == null ? mail.received() : mail.receivedFor(to)) {
                list.add(describe(message));
            }
            byte[] body = EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(list);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (MessagingException e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private static ObjectNode describe(MimeMessage message) throws MessagingException, IOException {
        ObjectNode node = EventCodec.mapper().createObjectNode();
        node.put("to", Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString)
                .collect(Collectors.joining(", ")));
        node.put("from", Arrays.stream(message.getFrom()).map(Object::toString).collect(Collectors.joining(", ")));
        node.put("subject", message.getSubject());
        node.put("messageId", message.getMessageID());
        node.put("sentAt", message.getSentDate() == null ? null : message.getSentDate().toInstant().toString());
        String[] language = message.getHeader("Content-Language");
        node.put("language", language == null ? null : language[0]);
        Object content = message.getContent();
        String text = content instanceof Multipart multipart ? String.valueOf(multipart.getBodyPart(0).getContent())
                : String.valueOf(content);
        node.put("text", text.replace("\r\n", "\n"));
        return node;
    }

    private static String query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

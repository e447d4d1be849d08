package com.goodwill.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points Quarkus Mailer at the shared real SMTP server of this test JVM ({@link SharedMailServer}): plain SMTP on
 * loopback, no TLS, no authentication, and the mock mailer (Quarkus' default in tests) switched off, so a test reads
 * back what really went over SMTP. Register it next to {@link RealInfrastructureResource} in a module that sends mail.
 */
public class RealMailServerResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        MailServer server = SharedMailServer.get();
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", server.host(),
                "quarkus.mailer.port", Integer.toString(server.smtpPort()),
                "quarkus.mailer.tls", "false",
                "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped by a shutdown hook when the JVM exits.
    }
}

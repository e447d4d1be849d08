package com.goodwill.testsupport;

/** One {@link MailServer} per test JVM on free loopback ports, started on first use, stopped when the JVM exits. */
public final class SharedMailServer {

    private static MailServer instance;

    private SharedMailServer() {
    }

    public static synchronized MailServer get() {
        if (instance == null) {
            instance = MailServer.startOnFreePorts();
            MailServer started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-mail-server-stop"));
        }
        return instance;
    }
}

package com.goodwill.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server with IMAP and POP3 beside it (GreenMail from Maven Central), on loopback. Every mail it receives
 * is kept; a mailbox is created for each recipient on first delivery, with the address as login and password, so a
 * person can read it with any IMAP or POP3 client. Used by tests on free ports and by the local stack on fixed ones.
 */
public final class MailServer implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final GreenMail greenMail;

    private MailServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** On free ports. */
    public static MailServer startOnFreePorts() {
        return start(0, 0, 0);
    }

    /** On the given ports; 0 for a free one. */
    public static MailServer start(int smtpPort, int imapPort, int pop3Port) {
        GreenMail greenMail = new GreenMail(new ServerSetup[]{
                setup(smtpPort, ServerSetup.PROTOCOL_SMTP),
                setup(imapPort, ServerSetup.PROTOCOL_IMAP),
                setup(pop3Port, ServerSetup.PROTOCOL_POP3)});
        greenMail.start();
        return new MailServer(greenMail);
    }

    private static ServerSetup setup(int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, LOOPBACK, protocol);
        return port == 0 ? setup.dynamicPort() : setup;
    }

    public String host() {
        return LOOPBACK;
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    public int pop3Port() {
        return greenMail.getPop3().getPort();
    }

    /** Every mail received so far, in arrival order. */
    public List<MimeMessage> received() {
        return Arrays.asList(greenMail.getReceivedMessages());
    }

    /** Forgets every mail received so far (a benchmark that counted them, so that they do not fill the heap). */
    public void purge() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot purge the received mails", e);
        }
    }

    /** The mails received for one recipient address, in arrival order. */
    public List<MimeMessage> receivedFor(String address) {
        return received().stream().filter(m -> isAddressedTo(m, address)).toList();
    }

    private static boolean isAddressedTo(MimeMessage message, String address) {
        try {
            var recipients = message.getRecipients(Message.RecipientType.TO);
            return recipients != null && Arrays.stream(recipients)
                    .anyMatch(r -> r instanceof InternetAddress a && address.equalsIgnoreCase(a.getAddress()));
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot read the recipients of a received mail", e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}

package com.goodwill.fulfillment.notification;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.compensation.CompensationRequested;
import com.goodwill.contracts.compensation.FulfilmentRecorded;
import com.goodwill.contracts.decision.CaseFacts;
import com.goodwill.contracts.decision.Instrument;
import com.goodwill.contracts.decision.Remedy;
import io.quarkus.qute.Engine;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.Variant;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a customer message from Qute templates on the classpath, {@code messages/<kind>/<name>.<language>.txt}.
 * The first line of a template is {@code Subject: ...}, the rest is the body.
 *
 * <p>Which template: the customer's language first, then the configured default, then English; within a language
 * the most specific name first: the policy's template id for the incident class, the policy's template id, the
 * instrument for the incident class, the instrument, {@code default}. Plain Java: no container needed.
 */
public final class MessageRenderer {

    private static final String ROOT = "messages/";
    private static final String SUBJECT = "Subject:";

    private final MessageSettings settings;
    private final Engine engine;
    private final Map<String, Optional<Wording>> wordings = new ConcurrentHashMap<>();

    public MessageRenderer(MessageSettings settings) {
        this.settings = settings;
        this.engine = Engine.builder()
                .addDefaults()
                .addValueResolver(new ReflectionValueResolver())
                .addLocator(MessageRenderer::locate)
                .build();
    }

    /**
     * Writes the message in the best language available for the customer.
     *
     * @param now when the message is written: time horizons count from here
     */
    public RenderedMessage render(MessageFacts facts, Contact contact, Instant now) {
        for (String language : languages(contact.language())) {
            Optional<Wording> wording = wording(language);
            if (wording.isEmpty()) {
                continue;
            }
            for (String name : names(facts)) {
                String id = facts.kind().templateDirectory() + "/" + name + "." + language;
                Template template = engine.getTemplate(id);
                if (template != null) {
                    String text = template.render(model(facts, contact, wording.get(), now));
                    return split(id, language, text);
                }
            }
        }
        throw new IllegalStateException("No template for " + facts.kind() + " in " + languages(contact.language()));
    }

    /** The words of the best language available for the customer (the same order of languages as the messages). */
    public Wording wordingFor(String customerLanguage) {
        return languages(customerLanguage).stream().map(this::wording).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new IllegalStateException("No labels for " + languages(customerLanguage)));
    }

    /** Customer's language, the default, English: each once. */
    List<String> languages(String customerLanguage) {
        Set<String> order = new LinkedHashSet<>();
        if (customerLanguage != null && !customerLanguage.isBlank()) {
            order.add(customerLanguage);
        }
        order.add(settings.defaultLanguage());
        order.add("en");
        return List.copyOf(order);
    }

    /** Template names from the most specific to the most general. */
    static List<String> names(MessageFacts facts) {
        CompensationRequested command = facts.command();
        String incidentClass = command.facts() == null || command.facts().incidentClass() == null ? null
                : command.facts().incidentClass().name();
        List<String> names = new ArrayList<>();
        String policyTemplate = command.messageTemplate();
        if (policyTemplate != null && policyTemplate.matches("[A-Za-z0-9_-]{1,64}")) {
            if (incidentClass != null) {
                names.add(policyTemplate + "." + incidentClass);
            }
            names.add(policyTemplate);
        }
        if (incidentClass != null) {
            names.add(command.instrument().name() + "." + incidentClass);
        }
        names.add(command.instrument().name());
        names.add("default");
        return names;
    }

    MessageModel model(MessageFacts facts, Contact contact, Wording words, Instant now) {
        CompensationRequested command = facts.command();
        FulfilmentRecorded step = facts.step();
        CaseFacts caseFacts = command.facts();
        Instrument instrument = command.instrument();
        Money amount = command.amount();

        // What is being done now: for a fallback or the customer's choice, the remedy carried out instead; its horizon
        // is the one promised.
        Instrument doing = instrument;
        Money doingAmount = amount;
        Integer validForDays = command.validForDays();
        String insteadOf = null;
        if (facts.appliedInstead() != null) {
            Remedy instead = facts.appliedInstead();
            if (facts.kind() == MessageKind.FALLBACK_APPLIED) {
                insteadOf = words.offer(instrument, amount);
            }
            doing = instead.instrument();
            doingAmount = instead.amount();
            validForDays = instead.validForDays();
        }
        boolean offersChoice = facts.kind() == MessageKind.CHOICE_OFFERED && command.choiceUntil() != null;
        // Offered now, the remedy starts when the time to choose is up: its horizon counts from then.
        Instant starts = offersChoice && command.choiceUntil().isAfter(now) ? command.choiceUntil() : now;
        Horizon horizon = settings.horizons().get(doing);
        String validUntil = validForDays == null ? null
                : words.date(starts.plus(validForDays, ChronoUnit.DAYS), settings.zone());
        String reference = step == null ? null : step.reference();
        boolean shipped = facts.kind() == MessageKind.REPLACEMENT_SHIPPED
                || (facts.kind() == MessageKind.FALLBACK_APPLIED && isReplacement(doing));

        // Alternatives are offered only while the customer may still choose: a link that can only answer "too late"
        // is worse than none.
        List<MessageModel.Choice> choices = new ArrayList<>();
        if (offersChoice) {
            for (Remedy alternative : command.alternatives() == null ? List.<Remedy>of() : command.alternatives()) {
                choices.add(new MessageModel.Choice(alternative.instrument().name(),
                        withValidity(words.offer(alternative.instrument(), alternative.amount()), alternative, words),
                        choiceLink(command.commandId(), alternative.instrument())));
            }
        }

        return new MessageModel(
                words.language(),
                facts.first(),
                caseFacts != null && caseFacts.proactive(),
                command.statutory(),
                command.memoryAnchor(),
                caseFacts == null || caseFacts.incidentClass() == null ? "UNKNOWN" : caseFacts.incidentClass().name(),
                command.orderId(),
                caseFacts == null ? null : caseFacts.carrier(),
                caseFacts == null ? null : caseFacts.delayHours(),
                words.date(promised(caseFacts, contact), settings.zone()),
                caseFacts == null ? null : words.date(caseFacts.expectedDeliveryAt(), settings.zone()),
                doing.name(),
                words.offer(doing, doingAmount),
                doingAmount == null ? null : words.money(doingAmount),
                words.paymentTarget(contact.paymentMethod()),
                horizon == null ? null : words.horizon(horizon),
                horizon == null ? null : words.date(horizon.latestBy(starts, settings.zone())),
                validUntil,
                validForDays,
                shipped ? reference : null,
                doing == Instrument.VOUCHER ? reference : null,
                insteadOf,
                facts.kind() == MessageKind.FALLBACK_APPLIED && isReplacement(instrument),
                offersChoice ? words.dateTime(command.choiceUntil(), settings.zone()) : null,
                List.copyOf(choices),
                contact.name());
    }

    /** The link that records the customer's choice of an alternative (fulfillment-service's choice endpoint). */
    public String choiceLink(String commandId, Instrument option) {
        return settings.publicBaseUrl() + "/api/choices/" + URLEncoder.encode(commandId, StandardCharsets.UTF_8)
                + "?option=" + option.name();
    }

    private static String withValidity(String offer, Remedy remedy, Wording words) {
        return remedy.validForDays() == null ? offer : offer + " (" + words.validFor(remedy.validForDays()) + ")";
    }

    private static Instant promised(CaseFacts facts, Contact contact) {
        if (facts != null && facts.promisedDeliveryBy() != null) {
            return facts.promisedDeliveryBy();
        }
        return contact.promisedDeliveryBy();
    }

    private static boolean isReplacement(Instrument instrument) {
        return instrument == Instrument.REPLACEMENT || instrument == Instrument.EXPRESS_REPLACEMENT;
    }

    private Optional<Wording> wording(String language) {
        return wordings.computeIfAbsent(language, l -> Optional.ofNullable(
                l.matches("[a-z]{2}") ? Wording.load(l) : null));
    }

    private static RenderedMessage split(String id, String language, String text) {
        String trimmed = text.stripLeading();
        int newline = trimmed.indexOf('\n');
        if (!trimmed.startsWith(SUBJECT) || newline < 0) {
            throw new IllegalStateException("Template " + id + " must start with a '" + SUBJECT + "' line");
        }
        String subject = trimmed.substring(SUBJECT.length(), newline).strip();
        String body = trimmed.substring(newline + 1).strip().replaceAll("\n{3,}", "\n\n") + "\n";
        return new RenderedMessage(subject, body, id, language);
    }

    private static Optional<TemplateLocator.TemplateLocation> locate(String id) {
        String resource = ROOT + id + ".txt";
        if (MessageRenderer.class.getClassLoader().getResource(resource) == null) {
            return Optional.empty();
        }
        return Optional.of(new TemplateLocator.TemplateLocation() {
            @Override
            public Reader read() {
                InputStream in = MessageRenderer.class.getClassLoader().getResourceAsStream(resource);
                return new InputStreamReader(in, StandardCharsets.UTF_8);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.empty();
            }
        });
    }
}

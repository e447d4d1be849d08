package com.goodwill.fulfillment.notification;

import com.goodwill.contracts.Money;
import com.goodwill.contracts.decision.Instrument;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.Properties;

/**
 * The words and formats of one language: remedies, payment methods, time horizons, amounts and dates. Read from
 * {@code messages/labels.<language>.properties}, so a language is added with files, not code.
 */
public final class Wording {

    private final String language;
    private final Locale locale;
    private final Properties labels;
    private final DateTimeFormatter dates;
    private final DateTimeFormatter times;

    private Wording(String language, Properties labels) {
        this.language = language;
        this.locale = Locale.forLanguageTag(language);
        this.labels = labels;
        this.dates = DateTimeFormatter.ofPattern(labels.getProperty("date.pattern", "d MMMM yyyy"), locale);
        this.times = DateTimeFormatter.ofPattern(labels.getProperty("time.pattern", "HH:mm"), locale);
    }

    /** The wording of a language, or null when the language has no labels file. */
    public static Wording load(String language) {
        String resource = "messages/labels." + language + ".properties";
        try (InputStream in = Wording.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Properties labels = new Properties();
            labels.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return new Wording(language, labels);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    public String language() {
        return language;
    }

    /** "12.40 EUR" in English, "12,40 EUR" in German; as many decimals as the currency has. */
    public String money(Money money) {
        int digits = Math.max(0, Currency.getInstance(money.currency()).getDefaultFractionDigits());
        DecimalFormat format = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits),
                DecimalFormatSymbols.getInstance(locale));
        return format.format(BigDecimal.valueOf(money.amountMinor(), digits)) + " " + money.currency();
    }

    public String date(LocalDate date) {
        return date.format(dates);
    }

    public String date(Instant instant, ZoneId zone) {
        return instant == null ? null : date(instant.atZone(zone).toLocalDate());
    }

    /** A moment as its day and time of day in the zone: "Sunday, 6 December 2026, 23:40". */
    public String dateTime(Instant instant, ZoneId zone) {
        return instant == null ? null : MessageFormat.format(escape(label("datetime")),
                date(instant, zone), instant.atZone(zone).format(times));
    }

    /** The remedy in words with its amount, e.g. "a store credit of 6.50 EUR". */
    public String offer(Instrument instrument, Money amount) {
        return MessageFormat.format(escape(label("offer." + instrument.name())), amount == null ? "" : money(amount));
    }

    /** Where a refund goes, by the order's payment method. */
    public String paymentTarget(String paymentMethod) {
        String key = "payment." + (paymentMethod == null ? "default" : paymentMethod.toLowerCase(Locale.ROOT));
        return labels.getProperty(key, label("payment.default"));
    }

    /** "within 3 to 5 banking days", or "within 1 working day" when the range is one number. */
    public String horizon(Horizon horizon) {
        String unit = horizon.max() == 1 ? labels.getProperty("unit." + horizon.unit() + ".one", label("unit." + horizon.unit()))
                : label("unit." + horizon.unit());
        String pattern = horizon.min() == horizon.max() ? label("horizon.exact") : label("horizon.range");
        return MessageFormat.format(escape(pattern), Integer.toString(horizon.min()), Integer.toString(horizon.max()), unit);
    }

    /** "valid for 180 days". */
    public String validFor(int days) {
        return MessageFormat.format(escape(label("validity.days")), Integer.toString(days));
    }

    /** A sentence of the labels with its blanks filled in, e.g. {@code choice.page.confirm}. */
    public String phrase(String key, Object... values) {
        return MessageFormat.format(escape(label(key)), values);
    }

    private String label(String key) {
        String value = labels.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("messages/labels." + language + ".properties has no " + key);
        }
        return value;
    }

    /** MessageFormat treats a single quote as an escape; the labels are plain text. */
    private static String escape(String pattern) {
        return pattern.replace("'", "''");
    }
}

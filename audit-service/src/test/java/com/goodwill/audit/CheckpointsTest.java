package com.goodwill.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.goodwill.audit.ledger.CheckpointSigner;
import com.goodwill.audit.ledger.LedgerTree;
import com.goodwill.audit.ledger.MerkleTree;
import com.goodwill.audit.verifier.OfflineVerifier;
import com.goodwill.contracts.EventTypes;
import com.goodwill.contracts.Topics;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.contracts.envelope.EventEnvelope;
import com.goodwill.contracts.envelope.Subjects;
import com.goodwill.contracts.ledger.LedgerCheckpoint;
import com.goodwill.testsupport.PlatformTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.goodwill.audit.AuditEvents.WAIT;
import static com.goodwill.audit.AuditEvents.awaitInLedger;
import static com.goodwill.audit.AuditEvents.produce;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.oneOf;

/**
 * Signed checkpoints, made by the sweep every 3 entries in tests ({@code %test.} configuration) and published on
 * their topic, and proofs against them that a client checks with nothing but the public key and RFC 9162. Other
 * test classes append to the same ledger meanwhile, so every assertion holds whatever else is in it.
 */
@QuarkusTest
class CheckpointsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private static ConsumerTask<String, String> published;


    @BeforeAll
    static void listen() {
        published = PlatformTopics.listen(Topics.LEDGER_CHECKPOINTS);
    }

    @AfterAll
    static void close() {
        published.close();
    }

    @Test
    void checkpointIsMadeAfterEnoughEntriesSignedStoredAndPublished() {
        long last = appendEntries(3);

        LedgerCheckpoint checkpoint = awaitCheckpointCovering(last);
        assertThat(checkpoint.algorithm()).isEqualTo("Ed25519");
        assertThat(checkpoint.keyId()).isEqualTo(publicKeyInfo().getString("keyId"));
        assertThat(CheckpointSigner.verify(checkpoint, publicKey())).isTrue();
        assertThat(checkpoint.rootHash()).isEqualTo(given().queryParam("treeSize", checkpoint.treeSize())
                .get("/api/ledger/tree-head").then().statusCode(200).extract().jsonPath().getString("rootHash"));
        LedgerCheckpoint changedRoot = new LedgerCheckpoint(checkpoint.treeSize(), "00" + checkpoint.rootHash().substring(2),
                checkpoint.createdAt(), checkpoint.algorithm(), checkpoint.keyId(), checkpoint.signature());
        assertThat(CheckpointSigner.verify(changedRoot, publicKey())).isFalse();

        await().atMost(WAIT).until(() -> publishedCheckpoint(checkpoint.treeSize()).isPresent());
        ConsumerRecord<String, String> record = publishedCheckpoint(checkpoint.treeSize()).orElseThrow();
        assertThat(record.key()).isEqualTo(Subjects.LEDGER);
        EventEnvelope event = EventCodec.parse(record.value());
        assertThat(event.type()).isEqualTo(EventTypes.LEDGER_CHECKPOINT);
        assertThat(event.source()).isEqualTo("/goodwill/audit-service");
        assertThat(EventCodec.dataAs(event, LedgerCheckpoint.class)).isEqualTo(checkpoint);
    }

    @Test
    void checkpointsAreListedNewestFirstAndFoundByTreeSize() {
        LedgerCheckpoint older = awaitCheckpointCovering(appendEntries(3));
        LedgerCheckpoint newer = awaitCheckpointCovering(appendEntries(3));

        JsonPath page = given().queryParam("size", 2).get("/api/ledger/checkpoints").then().statusCode(200)
                .extract().jsonPath();
        List<Long> sizes = page.getList("checkpoints.treeSize", Long.class);
        assertThat(sizes).hasSize(2).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(sizes.get(0)).isGreaterThanOrEqualTo(newer.treeSize());
        assertThat(page.getLong("total")).isGreaterThanOrEqualTo(2);
        assertThat(checkpoint("/api/ledger/checkpoints/" + older.treeSize())).isEqualTo(older);
        assertThat(checkpoint("/api/ledger/checkpoints/latest").treeSize()).isGreaterThanOrEqualTo(newer.treeSize());
    }

    @Test
    void entryIsProvablyInACheckpointAndAModifiedProofFails() {
        long sequence = appendEntries(2);
        LedgerCheckpoint checkpoint = forcedCheckpointCovering(sequence);

        String body = given().queryParam("sequence", sequence).get("/api/ledger/checkpoints/{treeSize}/inclusion",
                checkpoint.treeSize()).then().statusCode(200).extract().asString();
        JsonPath proof = JsonPath.from(body);
        assertThat(parse(body, "checkpoint")).isEqualTo(checkpoint);
        String entryHash = given().get("/api/ledger/entries/{sequence}", sequence).then().statusCode(200)
                .extract().jsonPath().getString("entryHash");
        byte[] leaf = LedgerTree.leafOf(entryHash);
        assertThat(proof.getString("leafHash")).isEqualTo(HEX.formatHex(leaf));
        List<byte[]> path = proof.getList("auditPath", String.class).stream().map(HEX::parseHex).toList();
        byte[] root = HEX.parseHex(checkpoint.rootHash());
        assertThat(MerkleTree.verifyInclusion((int) sequence - 1, (int) checkpoint.treeSize(), leaf, path, root)).isTrue();

        assertThat(path).as("a checkpoint of more than one entry has a path").isNotEmpty();
        List<byte[]> modified = new ArrayList<>(path);
        byte[] first = modified.get(0).clone();
        first[0] ^= 1;
        modified.set(0, first);
        assertThat(MerkleTree.verifyInclusion((int) sequence - 1, (int) checkpoint.treeSize(), leaf, modified, root)).isFalse();
    }

    @Test
    void laterCheckpointProvablyOnlyAppendedToTheEarlierOne() {
        LedgerCheckpoint older = forcedCheckpointCovering(appendEntries(1));
        LedgerCheckpoint newer = forcedCheckpointCovering(appendEntries(2));
        assertThat(newer.treeSize()).isGreaterThan(older.treeSize());

        String body = given().queryParam("from", older.treeSize()).queryParam("to", newer.treeSize())
                .get("/api/ledger/checkpoints/consistency").then().statusCode(200).extract().asString();
        JsonPath proof = JsonPath.from(body);
        assertThat(parse(body, "from")).isEqualTo(older);
        assertThat(parse(body, "to")).isEqualTo(newer);
        assertThat(CheckpointSigner.verify(older, publicKey())).isTrue();
        assertThat(CheckpointSigner.verify(newer, publicKey())).isTrue();
        List<byte[]> nodes = proof.getList("proof", String.class).stream().map(HEX::parseHex).toList();
        assertThat(MerkleTree.verifyConsistency((int) older.treeSize(), (int) newer.treeSize(),
                HEX.parseHex(older.rootHash()), HEX.parseHex(newer.rootHash()), nodes)).isTrue();
        assertThat(MerkleTree.verifyConsistency((int) older.treeSize(), (int) newer.treeSize(),
                HEX.parseHex("00" + older.rootHash().substring(2)), HEX.parseHex(newer.rootHash()), nodes)).isFalse();
    }

    @Test
    void offlineVerifierAgreesWithTheService(@TempDir Path dir) throws Exception {
        var placed = AuditEvents.orderPlaced("ord-" + UUID.randomUUID(), T0);
        produce(placed);
        long sequence = awaitInLedger(placed);
        LedgerCheckpoint checkpoint = forcedCheckpointCovering(sequence);
        await().atMost(WAIT).until(() -> publishedCheckpoint(checkpoint.treeSize()).isPresent());

        Path entry = Files.writeString(dir.resolve("entry.json"), given().get("/api/ledger/entries/{sequence}", sequence)
                .then().statusCode(200).extract().asString());
        Path proof = Files.writeString(dir.resolve("proof.json"), given().queryParam("sequence", sequence)
                .get("/api/ledger/checkpoints/{treeSize}/inclusion", checkpoint.treeSize()).then().statusCode(200)
                .extract().asString());
        // The checkpoint as a subscriber of the topic received it, and the key as the service publishes it.
        Path fromTopic = Files.writeString(dir.resolve("checkpoint.json"),
                publishedCheckpoint(checkpoint.treeSize()).orElseThrow().value());
        Path key = Files.writeString(dir.resolve("key.json"), given().get("/api/ledger/checkpoints/public-key")
                .then().statusCode(200).extract().asString());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(offline(out, "--entry", entry.toString(), "--proof", proof.toString(), "--checkpoint", fromTopic.toString(),
                "--public-key", key.toString())).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("VERIFIED: entry " + sequence);

        // Another entry than the proof's: the verifier refuses, as the service's proof would not fit it either.
        var other = AuditEvents.orderPlaced("ord-" + UUID.randomUUID(), T0);
        produce(other);
        long otherSequence = awaitInLedger(other);
        Path otherEntry = Files.writeString(dir.resolve("other.json"), given().get("/api/ledger/entries/{sequence}",
                otherSequence).then().statusCode(200).extract().asString());
        out.reset();
        assertThat(offline(out, "--entry", otherEntry.toString(), "--proof", proof.toString(),
                "--public-key", key.toString())).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("NOT VERIFIED");
    }

    /** Even the superuser, who has every privilege, is stopped by the trigger (the service's role lacks the privilege). */
    @Test
    void databaseRefusesToChangeOrRemoveACheckpoint() {
        LedgerCheckpoint checkpoint = forcedCheckpointCovering(appendEntries(1));
        assertRefused("update ledger_checkpoint set root_hash = repeat('0', 64) where tree_size = " + checkpoint.treeSize(),
                "UPDATE");
        assertRefused("delete from ledger_checkpoint where tree_size = " + checkpoint.treeSize(), "DELETE");
        assertRefused("truncate ledger_checkpoint", "TRUNCATE");
        assertThat(checkpoint("/api/ledger/checkpoints/" + checkpoint.treeSize())).isEqualTo(checkpoint);
    }

    @Test
    void badParametersAre400ProblemsNamingThemAndUnknownCheckpoints404() {
        LedgerCheckpoint checkpoint = forcedCheckpointCovering(appendEntries(1));
        given().queryParam("sequence", checkpoint.treeSize() + 1)
                .get("/api/ledger/checkpoints/{treeSize}/inclusion", checkpoint.treeSize())
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("sequence"));
        given().queryParam("sequence", "five").get("/api/ledger/checkpoints/{treeSize}/inclusion", checkpoint.treeSize())
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("sequence"));
        given().get("/api/ledger/checkpoints/{treeSize}/inclusion", checkpoint.treeSize())
                .then().statusCode(400).body("errors.field", hasItem("sequence"));
        given().queryParam("from", 1).get("/api/ledger/checkpoints/consistency")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("to"));
        given().queryParam("from", checkpoint.treeSize()).queryParam("to", 1).get("/api/ledger/checkpoints/consistency")
                .then().statusCode(400).body("errors.field", hasItem("from"));
        given().queryParam("size", 0).get("/api/ledger/checkpoints")
                .then().statusCode(400).body("errors.field", hasItem("size"));
        given().get("/api/ledger/checkpoints/{treeSize}", "x").then().statusCode(400).body("errors.field", hasItem("treeSize"));

        given().get("/api/ledger/checkpoints/{treeSize}", Long.MAX_VALUE).then().statusCode(404)
                .contentType("application/problem+json");
        given().queryParam("sequence", 1).get("/api/ledger/checkpoints/{treeSize}/inclusion", Long.MAX_VALUE)
                .then().statusCode(404);
        given().queryParam("from", checkpoint.treeSize()).queryParam("to", Long.MAX_VALUE)
                .get("/api/ledger/checkpoints/consistency").then().statusCode(404);
    }

    /** Appends n events of a fresh order and returns the sequence of the last. */
    private static long appendEntries(int n) {
        String orderId = "ord-" + UUID.randomUUID();
        AuditEvents.Sent last = null;
        for (int i = 0; i < n; i++) {
            // One order, so one partition: the last sent is the last appended.
            last = i == 0 ? AuditEvents.orderPlaced(orderId, T0) : AuditEvents.orderDelivered(orderId, T0.plusSeconds(i));
            produce(last);
        }
        return awaitInLedger(last);
    }

    /**
     * The sweep's checkpoint that covers the entry, made without being asked. The sweep cuts one as soon as enough
     * entries are new, and other classes' entries count too, so the cut can fall between this test's own appends; the
     * entries after it are then too few for another, and this appends what the sweep still needs instead of waiting
     * for entries nobody sends.
     */
    private static LedgerCheckpoint awaitCheckpointCovering(long sequence) {
        long everyEntries = ConfigProvider.getConfig().getValue("goodwill.audit.checkpoints.every-entries", Long.class);
        await().atMost(WAIT).until(() -> {
            var latest = given().get("/api/ledger/checkpoints/latest");
            long covered = latest.statusCode() == 200 ? latest.jsonPath().getLong("treeSize") : 0;
            if (covered >= sequence) {
                return true;
            }
            long fresh = given().get("/api/ledger/tree-head").then().statusCode(200).extract().jsonPath()
                    .getLong("treeSize") - covered;
            if (fresh < everyEntries) {
                appendEntries((int) (everyEntries - fresh));
            }
            return false;
        });
        return checkpoint("/api/ledger/checkpoints/latest");
    }

    /** A checkpoint covering the entry, made now if the sweep has not made one yet. */
    private static LedgerCheckpoint forcedCheckpointCovering(long sequence) {
        LedgerCheckpoint made = parse(given().post("/api/ledger/checkpoints").then().statusCode(oneOf(200, 201))
                .extract().asString(), null);
        assertThat(made.treeSize()).isGreaterThanOrEqualTo(sequence);
        return made;
    }

    private static LedgerCheckpoint checkpoint(String path) {
        return parse(given().get(path).then().statusCode(200).extract().asString(), null);
    }

    private static JsonPath publicKeyInfo() {
        return given().get("/api/ledger/checkpoints/public-key").then().statusCode(200).extract().jsonPath();
    }

    private static PublicKey publicKey() {
        return CheckpointSigner.publicKey(publicKeyInfo().getString("publicKey"));
    }

    private static Optional<ConsumerRecord<String, String>> publishedCheckpoint(long treeSize) {
        return published.getRecords().stream()
                .filter(r -> EventCodec.dataAs(EventCodec.parse(r.value()), LedgerCheckpoint.class).treeSize() == treeSize)
                .findFirst();
    }

    /** The command line, without its System.exit. */
    private static int offline(ByteArrayOutputStream out, String... args) {
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return OfflineVerifier.run(args, print, print);
    }

    /** Read as subscribers read events (ISO-8601 instants), the whole body or one of its fields. */
    private static LedgerCheckpoint parse(String json, String field) {
        try {
            JsonNode node = EventCodec.mapper().readTree(json);
            return EventCodec.mapper().treeToValue(field == null ? node : node.get(field), LedgerCheckpoint.class);
        } catch (Exception e) {
            throw new IllegalStateException("not a checkpoint: " + json, e);
        }
    }

    private static void assertRefused(String statement, String operation) {
        assertThatThrownBy(() -> Superuser.run(statement))
                .hasMessageContaining("immutable")
                .hasMessageContaining(operation);
    }
}

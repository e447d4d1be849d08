package com.goodwill.audit;

import com.goodwill.audit.ledger.LedgerTree;
import com.goodwill.audit.ledger.MerkleTree;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static com.goodwill.audit.AuditEvents.awaitInLedger;
import static com.goodwill.audit.AuditEvents.produce;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

/** Tree heads and proofs over REST can be checked by a client with nothing but the RFC 6962 rules. */
@QuarkusTest
class LedgerProofsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Instant T0 = Instant.parse("2026-11-18T10:00:00Z");

    @Test
    void entryIsProvablyInTheTreeAndItsLeafIsItsChainHash() {
        String orderId = "ord-" + UUID.randomUUID();
        var placed = AuditEvents.orderPlaced(orderId, T0);
        produce(placed);
        long sequence = awaitInLedger(placed);
        String entryHash = AuditEvents.timeline(orderId).getString("entries[0].entryHash");

        JsonPath proof = given().queryParam("sequence", sequence).get("/api/ledger/proofs/inclusion")
                .then().statusCode(200).extract().jsonPath();
        long treeSize = proof.getLong("treeSize");
        byte[] leaf = LedgerTree.leafOf(entryHash);
        assertThat(proof.getString("leafHash")).isEqualTo(HEX.formatHex(leaf));
        List<byte[]> path = proof.getList("auditPath", String.class).stream().map(HEX::parseHex).toList();
        assertThat(MerkleTree.verifyInclusion((int) (sequence - 1), (int) treeSize, leaf, path,
                HEX.parseHex(proof.getString("rootHash")))).isTrue();

        String head = given().queryParam("treeSize", treeSize).get("/api/ledger/tree-head")
                .then().statusCode(200).extract().jsonPath().getString("rootHash");
        assertThat(head).isEqualTo(proof.getString("rootHash"));
    }

    @Test
    void olderTreeHeadIsProvablyAPrefixOfTheNewerOne() {
        String orderId = "ord-" + UUID.randomUUID();
        var placed = AuditEvents.orderPlaced(orderId, T0);
        produce(placed);
        long before = awaitInLedger(placed);
        var delivered = AuditEvents.orderDelivered(orderId, T0.plusSeconds(60));
        produce(delivered);
        long after = awaitInLedger(delivered);

        JsonPath proof = given().queryParam("from", before).queryParam("to", after).get("/api/ledger/proofs/consistency")
                .then().statusCode(200).extract().jsonPath();
        List<byte[]> path = proof.getList("proof", String.class).stream().map(HEX::parseHex).toList();
        assertThat(MerkleTree.verifyConsistency((int) before, (int) after, HEX.parseHex(proof.getString("fromRoot")),
                HEX.parseHex(proof.getString("toRoot")), path)).isTrue();
        String headBefore = given().queryParam("treeSize", before).get("/api/ledger/tree-head")
                .then().statusCode(200).extract().jsonPath().getString("rootHash");
        assertThat(proof.getString("fromRoot")).isEqualTo(headBefore);
    }

    @Test
    void proofBeyondTheLedgerIsA400ProblemNamingTheField() {
        given().queryParam("sequence", Long.MAX_VALUE).get("/api/ledger/proofs/inclusion")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("sequence"));
        given().queryParam("from", 1).get("/api/ledger/proofs/consistency")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("to"));
    }
}

package com.goodwill.decision.messaging;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@link IncidentConsumer#pieces} splits a poll into pieces decided side by side. */
class PollPiecesTest {

    /** A record of the poll: its key (the order) and its incident's customer (null when it asks for no decision). */
    record Rec(String id, String order, String customer) {
    }

    private static List<List<Rec>> split(List<Rec> poll, int count) {
        return IncidentConsumer.pieces(poll, count, Rec::order, Rec::customer);
    }

    @Test
    void independentRecordsAreSpreadEvenlyInTheirOrder() {
        List<Rec> poll = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            poll.add(new Rec("r" + i, "o" + i, "c" + i));
        }
        List<List<Rec>> pieces = split(poll, 4);
        assertThat(pieces).hasSize(4).allSatisfy(piece -> assertThat(piece).hasSize(25));
        assertThat(pieces).allSatisfy(piece -> assertThat(piece).isSortedAccordingTo(
                (a, b) -> Integer.compare(poll.indexOf(a), poll.indexOf(b))));
        assertThat(pieces.stream().mapToInt(List::size).sum()).isEqualTo(100);
    }

    @Test
    void oneOrdersRecordsShareAPieceInTheirOrder() {
        List<Rec> poll = List.of(new Rec("a1", "o1", "c1"), new Rec("b", "o2", "c2"), new Rec("c", "o3", "c3"),
                new Rec("a2", "o1", "c1"), new Rec("d", "o4", "c4"), new Rec("a3", "o1", null));
        List<List<Rec>> pieces = split(poll, 3);
        List<Rec> withOrder = pieces.stream().filter(p -> p.contains(poll.get(0))).findFirst().orElseThrow();
        assertThat(withOrder).extracting(Rec::id).containsSubsequence("a1", "a2", "a3");
        assertThat(pieces.stream().filter(p -> p.stream().anyMatch(r -> r.order().equals("o1")))).hasSize(1);
    }

    @Test
    void oneCustomersIncidentsOnDifferentOrdersShareAPiece() {
        List<Rec> poll = List.of(new Rec("x1", "o1", "c1"), new Rec("y", "o2", "c2"), new Rec("z", "o3", "c3"),
                new Rec("x2", "o4", "c1"), new Rec("w", "o5", "c5"), new Rec("x3", "o6", "c1"));
        List<List<Rec>> pieces = split(poll, 3);
        assertThat(pieces.stream().filter(p -> p.stream().anyMatch(r -> "c1".equals(r.customer()))))
                .singleElement().satisfies(p -> assertThat(p).extracting(Rec::id).containsSubsequence("x1", "x2", "x3"));
    }

    @Test
    void onePieceKeepsThePollAsItCame() {
        List<Rec> poll = List.of(new Rec("a", "o1", "c1"), new Rec("b", "o2", "c2"), new Rec("c", "o3", null));
        assertThat(split(poll, 1)).containsExactly(poll);
    }

    @Test
    void aPollOfOneCustomerIsOnePiece() {
        List<Rec> poll = List.of(new Rec("a", "o1", "c1"), new Rec("b", "o2", "c1"), new Rec("c", "o3", "c1"));
        assertThat(split(poll, 4)).containsExactly(poll);
    }
}

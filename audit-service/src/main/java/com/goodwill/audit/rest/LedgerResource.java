package com.goodwill.audit.rest;

import com.goodwill.audit.ledger.ChainVerification;
import com.goodwill.audit.ledger.ChainVerifier;
import com.goodwill.audit.ledger.ExportedEntry;
import com.goodwill.audit.ledger.LedgerExport;
import com.goodwill.audit.ledger.LedgerTree;
import com.goodwill.contracts.envelope.EventCodec;
import com.goodwill.kit.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/ledger")
@Tag(name = "Ledger")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

    private static final int EXPORT_PAGE = 1000;

    private final ChainVerifier verifier;
    private final LedgerExport exporter;
    private final LedgerTree tree;

    public LedgerResource(ChainVerifier verifier, LedgerExport exporter, LedgerTree tree) {
        this.verifier = verifier;
        this.exporter = exporter;
        this.tree = tree;
    }

    /**
     * The whole ledger as JSON Lines, in append order, streamed page by page: the input of the offline
     * verifier and of anyone who wants to check the chain without trusting this service.
     */
    @GET
    @Path("/export")
    @Produces("application/x-ndjson")
    @Operation(summary = "Export the ledger as JSON Lines (sequence, eventId, previousHash, entryHash, event)")
    public StreamingOutput export() {
        return output -> {
            long from = 1;
            while (true) {
                List<ExportedEntry> page = exporter.page(from, EXPORT_PAGE);
                for (ExportedEntry entry : page) {
                    output.write(EventCodec.mapper().writeValueAsBytes(entry));
                    output.write('\n');
                }
                if (page.size() < EXPORT_PAGE) {
                    return;
                }
                from = page.get(page.size() - 1).sequence() + 1;
            }
        };
    }

    @GET
    @Path("/tree-head")
    @Operation(summary = "The Merkle tree head (RFC 6962) over the first treeSize entries (default: all)")
    public LedgerTree.TreeHead treeHead(@QueryParam("treeSize") Long treeSize) {
        return tree.head(treeSize);
    }

    @GET
    @Path("/proofs/inclusion")
    @Operation(summary = "Proof that an entry is in the tree of the first treeSize entries (default: all)")
    public LedgerTree.InclusionProof inclusion(@QueryParam("sequence") Long sequence, @QueryParam("treeSize") Long treeSize) {
        if (sequence == null) {
            throw ProblemException.badRequest("sequence", "is required");
        }
        return tree.inclusion(sequence, treeSize);
    }

    @GET
    @Path("/proofs/consistency")
    @Operation(summary = "Proof that the tree of size 'from' is a prefix of the tree of size 'to': nothing was rewritten")
    public LedgerTree.ConsistencyProof consistency(@QueryParam("from") Long from, @QueryParam("to") Long to) {
        if (from == null) {
            throw ProblemException.badRequest("from", "is required");
        }
        if (to == null) {
            throw ProblemException.badRequest("to", "is required");
        }
        return tree.consistency(from, to);
    }

    @GET
    @Path("/verification")
    @Operation(summary = "Recompute the whole hash chain; names the first broken entry if there is one")
    public ChainVerification verify() {
        return verifier.verify();
    }
}

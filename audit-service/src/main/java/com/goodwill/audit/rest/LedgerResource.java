package com.goodwill.audit.rest;

import com.goodwill.audit.ledger.ChainVerification;
import com.goodwill.audit.ledger.ChainVerifier;
import com.goodwill.audit.ledger.ExportedEntry;
import com.goodwill.audit.ledger.LedgerExport;
import com.goodwill.contracts.envelope.EventCodec;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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

    public LedgerResource(ChainVerifier verifier, LedgerExport exporter) {
        this.verifier = verifier;
        this.exporter = exporter;
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
    @Path("/verification")
    @Operation(summary = "Recompute the whole hash chain; names the first broken entry if there is one")
    public ChainVerification verify() {
        return verifier.verify();
    }
}

package com.goodwill.audit.rest;

import com.goodwill.audit.ledger.ChainVerification;
import com.goodwill.audit.ledger.ChainVerifier;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/ledger")
@Tag(name = "Ledger")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

    private final ChainVerifier verifier;

    public LedgerResource(ChainVerifier verifier) {
        this.verifier = verifier;
    }

    @GET
    @Path("/verification")
    @Operation(summary = "Recompute the whole hash chain; names the first broken entry if there is one")
    public ChainVerification verify() {
        return verifier.verify();
    }
}

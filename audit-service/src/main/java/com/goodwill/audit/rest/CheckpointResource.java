package com.goodwill.audit.rest;

import com.goodwill.audit.ledger.CheckpointConsistencyProof;
import com.goodwill.audit.ledger.CheckpointInclusionProof;
import com.goodwill.audit.ledger.CheckpointKey;
import com.goodwill.audit.ledger.CheckpointPage;
import com.goodwill.audit.ledger.Checkpoints;
import com.goodwill.contracts.ledger.LedgerCheckpoint;
import com.goodwill.kit.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Signed checkpoints of the ledger and proofs against them. Numbers arrive as text and are read here, so a bad
 * one answers 400 naming the parameter rather than JAX-RS's bare 404.
 */
@Path("/api/ledger/checkpoints")
@Tag(name = "Ledger checkpoints")
@Produces(MediaType.APPLICATION_JSON)
public class CheckpointResource {

    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PAGE_SIZE = 500;

    private final Checkpoints checkpoints;

    public CheckpointResource(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @GET
    @Operation(summary = "Checkpoints, newest first, a page at a time (page from 0, size up to 500)")
    public CheckpointPage list(@QueryParam("page") String page, @QueryParam("size") String size) {
        long pageNumber = page == null ? 0 : number("page", page, 0, Integer.MAX_VALUE);
        long pageSize = size == null ? DEFAULT_PAGE_SIZE : number("size", size, 1, MAX_PAGE_SIZE);
        return checkpoints.page((int) pageNumber, (int) pageSize);
    }

    @POST
    @Operation(summary = "Make a checkpoint of the whole ledger now (201); the latest one (200) if nothing was appended since")
    public Response createNow(@Context UriInfo uri) {
        var created = checkpoints.createNow();
        if (created.isPresent()) {
            return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.get().treeSize())).build())
                    .entity(created.get()).build();
        }
        LedgerCheckpoint latest = checkpoints.latest().orElseThrow(() ->
                new ProblemException(409, "Nothing to checkpoint", "The ledger is empty", List.of()));
        return Response.ok(latest).build();
    }

    @GET
    @Path("/latest")
    @Operation(summary = "The newest checkpoint")
    public LedgerCheckpoint latest() {
        return checkpoints.latest().orElseThrow(() -> ProblemException.notFound("There is no checkpoint yet"));
    }

    @GET
    @Path("/public-key")
    @Operation(summary = "The public key that verifies checkpoint signatures (Ed25519, X.509 base64)")
    public CheckpointKey publicKey() {
        return checkpoints.key();
    }

    @GET
    @Path("/consistency")
    @Operation(summary = "Proof that the checkpoint of 'to' entries only appended to the checkpoint of 'from' entries")
    public CheckpointConsistencyProof consistency(@QueryParam("from") String from, @QueryParam("to") String to) {
        long fromSize = number("from", required("from", from), 1, Long.MAX_VALUE);
        long toSize = number("to", required("to", to), 1, Long.MAX_VALUE);
        return checkpoints.consistency(fromSize, toSize);
    }

    @GET
    @Path("/{treeSize}")
    @Operation(summary = "The checkpoint of the first treeSize entries")
    public LedgerCheckpoint one(@PathParam("treeSize") String treeSize) {
        long size = number("treeSize", treeSize, 1, Long.MAX_VALUE);
        return checkpoints.find(size).orElseThrow(() -> ProblemException.notFound("There is no checkpoint of tree size " + size));
    }

    @GET
    @Path("/{treeSize}/inclusion")
    @Operation(summary = "Proof that the entry with this sequence is in the checkpoint of the first treeSize entries")
    public CheckpointInclusionProof inclusion(@PathParam("treeSize") String treeSize, @QueryParam("sequence") String sequence) {
        long size = number("treeSize", treeSize, 1, Long.MAX_VALUE);
        return checkpoints.inclusion(size, number("sequence", required("sequence", sequence), 1, Long.MAX_VALUE));
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(name, "is required");
        }
        return value;
    }

    private static long number(String name, String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, "must be a whole number");
        }
        if (parsed < min || parsed > max) {
            throw ProblemException.badRequest(name, "must be between " + min + " and " + max);
        }
        return parsed;
    }
}

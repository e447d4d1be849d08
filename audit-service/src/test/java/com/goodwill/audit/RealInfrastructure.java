package com.goodwill.audit;

import com.goodwill.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Registers the shared real Kafka broker and PostgreSQL for every test of this module (one per JVM). The service
 * connects as the insert-only role its migration creates, as it does when deployed; Flyway as the superuser.
 */
@QuarkusTestResource(value = RealInfrastructureResource.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "database", value = "audit"),
        @ResourceArg(name = "username", value = RealInfrastructure.WRITER),
        @ResourceArg(name = "password", value = "goodwill-audit-writer-test")})
public final class RealInfrastructure {

    static final String WRITER = "goodwill_audit_writer";
}

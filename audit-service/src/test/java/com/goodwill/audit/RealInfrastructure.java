package com.goodwill.audit;

import com.goodwill.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Registers the shared real Kafka broker and PostgreSQL for every test of this module (one per JVM). */
@QuarkusTestResource(value = RealInfrastructureResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "audit"))
public final class RealInfrastructure {
}

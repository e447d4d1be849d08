package com.goodwill.fulfillment;

import com.goodwill.testsupport.RealMailServerResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Registers the shared real SMTP server (GreenMail, one per test JVM) for every test of this module. */
@QuarkusTestResource(value = RealMailServerResource.class, restrictToAnnotatedClass = false)
public final class RealMailServer {
}

package com.goodwill.deploy;

import java.nio.file.Path;

/** The JVM and classpath the launcher runs on; child JVMs (the broker, the services) use the same JDK. */
final class Java {

    private Java() {
    }

    static String executable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String classpath() {
        return System.getProperty("java.class.path");
    }
}

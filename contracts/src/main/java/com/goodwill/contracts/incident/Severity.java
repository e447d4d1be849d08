package com.goodwill.contracts.incident;

public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}

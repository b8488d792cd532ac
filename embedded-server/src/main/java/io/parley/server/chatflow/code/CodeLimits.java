package io.parley.server.chatflow.code;

import java.time.Duration;
import java.util.Objects;

/**
 * What one run of a code node may use.
 *
 * @param timeout           wall-clock time for the builder's code, from its first statement
 * @param maxAllocatedBytes bytes the code may <em>allocate</em> (garbage included): GraalJS community
 *                          has no heap sandbox, so this is measured per thread, which bounds allocation
 *                          rather than live memory
 * @param maxStatements     JavaScript statements executed (a CPU bound that does not depend on load)
 * @param maxOutputBytes    size of the returned value as UTF-8 JSON
 */
public record CodeLimits(Duration timeout, long maxAllocatedBytes, long maxStatements, int maxOutputBytes) {

    public static final CodeLimits DEFAULTS =
            new CodeLimits(Duration.ofSeconds(2), 64L * 1024 * 1024, 5_000_000, 256 * 1024);

    public CodeLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxAllocatedBytes <= 0 || maxStatements <= 0 || maxOutputBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public CodeLimits withTimeout(Duration newTimeout) {
        return new CodeLimits(newTimeout, maxAllocatedBytes, maxStatements, maxOutputBytes);
    }

    public CodeLimits withMaxAllocatedBytes(long bytes) {
        return new CodeLimits(timeout, bytes, maxStatements, maxOutputBytes);
    }

    public CodeLimits withMaxStatements(long statements) {
        return new CodeLimits(timeout, maxAllocatedBytes, statements, maxOutputBytes);
    }

    public CodeLimits withMaxOutputBytes(int bytes) {
        return new CodeLimits(timeout, maxAllocatedBytes, maxStatements, bytes);
    }
}

package io.parley.server.channel;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.parley.server.common.ParleyException;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code features.rate_limiting}: at most N messages per hour per bot, as a token bucket that
 * refills smoothly (Bucket4j). Buckets live in this process; a cluster shares them in a later step.
 */
final class BotRateLimits {

    private record Limited(int perHour, Bucket bucket) {
    }

    private final ConcurrentMap<String, Limited> buckets = new ConcurrentHashMap<>();

    /** Takes one message from {@code botId}'s allowance, or answers 429 with the wait. */
    void take(String botId, int perHour) {
        if (perHour <= 0) {
            buckets.remove(botId);
            return;
        }
        Limited limited = buckets.compute(botId, (id, current) -> current != null && current.perHour() == perHour
                ? current : new Limited(perHour, Bucket.builder()
                        .addLimit(Bandwidth.builder().capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)).build())
                        .build()));
        ConsumptionProbe probe = limited.bucket().tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1;
            throw ParleyException.rateLimited("This assistant is receiving too many messages: please try again in "
                    + seconds + " seconds", seconds);
        }
    }
}

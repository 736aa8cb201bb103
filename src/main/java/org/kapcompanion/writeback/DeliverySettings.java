package org.kapcompanion.writeback;

import java.time.Duration;

/**
 * How the outbox is delivered: when an entry whose write failed is tried again, how long a node holds an entry it
 * claimed before another may take it, and how many entries are written at once.
 *
 * @param retries when to try an entry again, and when to give up
 * @param lease how long a claim lasts; longer than a write may take, so a slow write is never sent twice at once
 * @param parallelism the entries written at once (of different sessions)
 */
record DeliverySettings(RetryPolicy retries, Duration lease, int parallelism) {}

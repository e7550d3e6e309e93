package io.easyquant.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * What a local process trying to lock the operator out would do: several threads sending requests with wrong tokens
 * (and none) to the admin server as fast as it answers, each at most {@link #MAX_REQUESTS_PER_THREAD} times, until
 * closed. Counts the answers by status.
 */
final class BadTokenFlood implements AutoCloseable
{
    static final int MAX_REQUESTS_PER_THREAD = 50_000;

    private final List<Thread> threads = new ArrayList<>();
    private final Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();
    private volatile boolean stopped;

    private BadTokenFlood(final String baseUrl, final int threadCount)
    {
        for (int t = 0; t < threadCount; t++)
        {
            final int id = t;
            final Thread thread = new Thread(() -> flood(baseUrl, id), "bad-token-flood-" + t);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    /**
     * Start flooding the server at {@code baseUrl} (e.g. {@code http://127.0.0.1:8080}) from {@code threadCount}
     * threads.
     */
    static BadTokenFlood start(final String baseUrl, final int threadCount)
    {
        final BadTokenFlood flood = new BadTokenFlood(baseUrl, threadCount);
        flood.threads.forEach(Thread::start);
        return flood;
    }

    private void flood(final String baseUrl, final int id)
    {
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
        final String[] paths = {"/api/v1/status", "/api/v1/kill-switch", "/metrics"};
        for (int i = 0; i < MAX_REQUESTS_PER_THREAD && !stopped; i++)
        {
            final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + paths[i % paths.length]))
                .timeout(Duration.ofSeconds(10));
            if (i % 5 != 0)
            {
                request.header("Authorization", "Bearer wrong-token-" + id + "-" + i);
            }
            if (i % paths.length == 1)
            {
                request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"release\",\"reason\":\"flood\"}"));
            }
            try
            {
                final int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                answers.computeIfAbsent(status, s -> new LongAdder()).increment();
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            catch (final Exception ex)
            {
                errors.increment();
            }
        }
    }

    long answers(final int status)
    {
        final LongAdder count = answers.get(status);
        return count == null ? 0 : count.sum();
    }

    long errors()
    {
        return errors.sum();
    }

    /**
     * Wait until at least {@code count} requests were answered with {@code status}.
     */
    void awaitAnswers(final int status, final long count, final Duration timeout)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (answers(status) < count)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("the flood got " + answers(status) + " answers " + status + " within " + timeout + ", expected " +
                    count + "; all answers " + answers + ", errors " + errors());
            }
            AdminFixture.sleep(5);
        }
    }

    @Override
    public void close()
    {
        stopped = true;
        for (final Thread thread : threads)
        {
            thread.interrupt();
            try
            {
                thread.join(TimeUnit.SECONDS.toMillis(15));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
        if (threads.stream().anyMatch(Thread::isAlive))
        {
            fail("the flood's threads did not stop");
        }
    }

    @Override
    public String toString()
    {
        return "answers " + answers + ", errors " + errors();
    }
}

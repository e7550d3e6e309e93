package io.easyquant.adapters.venue.paper;

import io.easyquant.engine.venue.ExecutionReportPublisher;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.Side;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static io.easyquant.adapters.venue.paper.MarketInputs.BTC;
import static io.easyquant.adapters.venue.paper.MarketInputs.ETH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaperVenueAllocationTest
{
    private static final int WARM_UP_ROUNDS = 50_000;
    private static final int MEASURED_ROUNDS = 20_000;

    private final CountingPublisher publisher = new CountingPublisher();
    private final PaperVenue venue = new PaperVenue(
        PaperVenueContext.builder()
            .latencyNs(25)
            .partialFillProbability(0.3)
            .rejectProbability(0.05)
            .feeRateBps(7)
            .orderTtlNs(5_000)
            .maxOpenOrders(256)
            .seed(5)
            .build(),
        MarketInputs.instruments(),
        publisher);
    private final MarketInputs inputs = new MarketInputs(venue);
    private long nowNs = 1_000_000;
    private long clOrdId;

    @Test
    void shouldNotAllocateInSteadyStateQuotesOrdersFillsCancelsAndDeferredReports()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        runRounds(WARM_UP_ROUNDS);
        final long probeBytes = threads.getCurrentThreadAllocatedBytes();
        final long overheadBytes = threads.getCurrentThreadAllocatedBytes() - probeBytes;

        final long beforeBytes = threads.getCurrentThreadAllocatedBytes();
        runRounds(MEASURED_ROUNDS);
        final long allocatedBytes = threads.getCurrentThreadAllocatedBytes() - beforeBytes - overheadBytes;

        assertEquals(0, allocatedBytes, "bytes allocated in " + MEASURED_ROUNDS + " rounds");
        assertTrue(venue.fills() > MEASURED_ROUNDS, "fills happened: " + venue.fills());
        assertTrue(venue.partialFills() > 0 && venue.cancels() > 0 && venue.expired() > 0 && venue.rejects() > 0);
        assertTrue(venue.reportsDeferred() > 0, "the deferred path ran");
        assertEquals(0, venue.reportQueueOverflows());
    }

    private void runRounds(final int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            nowNs += 10;
            final long mid = 10_000 + (i % 13) - 6;
            inputs.quote(nowNs, BTC, mid - 1, mid + 1);
            venue.send(++clOrdId, BTC, (i & 1) == 0 ? Side.BUY : Side.SELL, OrderType.MARKET, 1 + (i % 5), 0, nowNs);
            venue.send(++clOrdId, BTC, Side.BUY, OrderType.LIMIT, 3, mid - 8, nowNs);
            if ((i & 3) == 0)
            {
                venue.cancel(clOrdId, BTC, nowNs);
            }
            inputs.trade(nowNs, ETH, 300_000 + (i % 7), 1);
            venue.send(++clOrdId, ETH, Side.SELL, OrderType.MARKET, 2, 0, nowNs);
            inputs.timerTick(nowNs + 5);
            venue.onEndOfBatch(nowNs + 5);
        }
    }

    /** Takes reports without allocating; refuses every 16th publish attempt, as a briefly full ring would. */
    private static final class CountingPublisher implements ExecutionReportPublisher
    {
        private long attempts;
        private long published;
        private long lastExecId;

        @Override
        public boolean tryPublishExecutionReport(
            final int sourceId,
            final int instrumentId,
            final long clOrdId,
            final long execId,
            final byte execType,
            final byte side,
            final long lastQtyLots,
            final long lastPriceTicks,
            final long leavesQtyLots,
            final long cumQtyLots,
            final long feeCash,
            final long venueTimeNs,
            final int rejectReason)
        {
            if ((++attempts & 15) == 0)
            {
                return false;
            }
            if (execId != lastExecId + 1)
            {
                throw new IllegalStateException("report out of order: execId " + execId + " after " + lastExecId);
            }
            lastExecId = execId;
            published++;
            return true;
        }
    }
}

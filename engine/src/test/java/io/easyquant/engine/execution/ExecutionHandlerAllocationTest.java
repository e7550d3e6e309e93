package io.easyquant.engine.execution;

import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.engine.risk.RiskReason;
import io.easyquant.engine.venue.Venue;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.Side;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ExecutionHandlerAllocationTest
{
    private static final int BTC_ID = 7;
    private static final int ETH_ID = 9;
    private static final int CYCLES = 100_000;
    private static final int MAX_ROUNDS = 20;

    private final Instruments instruments = new Instruments(List.of(
        new Instrument(BTC_ID, "BTCUSD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD"),
        new Instrument(ETH_ID, "ETHUSD", new BigDecimal("0.01"), new BigDecimal("0.001"), "USD")));
    private final EngineCounters counters = new EngineCounters(instruments.count());
    private final CountingVenue venue = new CountingVenue();
    private final ExecutionHandler handler =
        new ExecutionHandler(instruments, new ExecutionContext(OrderType.LIMIT, 0, 64), venue, counters);
    private final EngineEvents events = new EngineEvents(instruments);
    private final EngineEvent quoteEvent = new EngineEvent();
    private final EngineEvent intentEvent = new EngineEvent();
    private final EngineEvent ackEvent = new EngineEvent();
    private final EngineEvent fillEvent = new EngineEvent();
    private long nowNs = 1_700_000_000_000_000_000L;
    private long sequence;
    private long clOrdId;

    @Test
    void shouldNotAllocateForQuotesIntentsAcksAndFillsAfterWarmUp()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "HotSpot thread allocation counter");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "thread allocation counter supported");
        threads.setThreadAllocatedMemoryEnabled(true);

        runCycles(CYCLES);

        // The tiered compiler can account a hundred-odd bytes to this thread once while the loop moves between
        // tiers (on-stack replacement with background compilation). Repeat the measured round until one is clean.
        final long[] allocatedByRound = new long[MAX_ROUNDS];
        int cleanRound = -1;
        for (int round = 0; round < MAX_ROUNDS && cleanRound < 0; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            runCycles(CYCLES);
            allocatedByRound[round] = threads.getCurrentThreadAllocatedBytes() - before;
            if (allocatedByRound[round] == 0)
            {
                cleanRound = round;
            }
        }

        assertTrue(cleanRound >= 0, "no round of " + CYCLES + " cycles allocated 0 bytes: " +
            Arrays.toString(allocatedByRound));
        final long cycles = (long)CYCLES * (cleanRound + 2);
        assertEquals(cycles, venue.sends);
        assertEquals(cycles * 4, venue.inputs);
        assertEquals(cycles * 4, venue.endOfBatches);
        assertEquals(cycles, counters.get(EngineCounters.ACKS));
        assertEquals(cycles, counters.get(EngineCounters.FILLS));
        assertEquals(0, counters.get(EngineCounters.ILLEGAL_TRANSITIONS) + counters.get(EngineCounters.OVERFILLS) +
            counters.get(EngineCounters.UNKNOWN_ORDER_REPORTS) + counters.get(EngineCounters.SEND_REFUSALS));
        assertEquals(0, handler.orders().openOrders());
        assertEquals(0, handler.positions().positionLots(0), "buys and sells alternate");
    }

    /**
     * Per cycle: a quote, a quote carrying an accepted intent, the order's ack and its fill. Sides alternate so the
     * position goes long and back to flat, through both the opening and the closing path of the position book.
     */
    private void runCycles(final int cycles)
    {
        for (int i = 0; i < cycles; i++)
        {
            final long mid = 5_000_000 + (i & 63);
            handler.onEvent(events.quote(quoteEvent, ++nowNs, BTC_ID, mid - 1, mid + 1), sequence++, true);

            final byte side = (clOrdId & 1) == 0 ? Side.BUY : Side.SELL;
            final long qtyLots = 10;
            final long id = ++clOrdId;
            events.quote(intentEvent, ++nowNs, BTC_ID, mid - 1, mid + 1);
            EngineEvents.intent(intentEvent, id, 0, side, OrderType.LIMIT, qtyLots, mid + 1, RiskReason.ACCEPTED);
            handler.onEvent(intentEvent, sequence++, true);

            handler.onEvent(
                events.report(ackEvent, ++nowNs, BTC_ID, id, ExecType.ACK, side, 0, 0, 0), sequence++, true);
            handler.onEvent(
                events.report(fillEvent, ++nowNs, BTC_ID, id, ExecType.FILL, side, qtyLots, mid + (i & 3), 25),
                sequence++, true);
        }
    }

    /** Counts calls without allocating. */
    private static final class CountingVenue implements Venue
    {
        long inputs;
        long sends;
        long cancels;
        long endOfBatches;

        @Override
        public void onInput(final DirectBuffer record, final int offset, final long nowNs)
        {
            inputs++;
        }

        @Override
        public void send(
            final long clOrdId,
            final int instrumentId,
            final byte side,
            final byte orderType,
            final long qtyLots,
            final long limitPriceTicks,
            final long nowNs)
        {
            sends++;
        }

        @Override
        public void cancel(final long clOrdId, final int instrumentId, final long nowNs)
        {
            cancels++;
        }

        @Override
        public void onEndOfBatch(final long nowNs)
        {
            endOfBatches++;
        }
    }
}

package io.easyquant.adapters.sink.postgres;

import io.easyquant.engine.instrument.Instrument;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.Side;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.easyquant.adapters.sink.postgres.TestPostgres.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Prices and sizes at the instrument's bounds reach the database exactly; one past a bound is rejected by ingest, and
 * the sink, which follows ingest's checks, neither marks with it nor applies it. BTC-USD: tick 0.01, lot 0.0001 (1e-6
 * USD, 100 cash units per tick-lot), default bounds 1,000,000 USD = 1e8 ticks and 10,000 BTC = 1e8 lots: one fill at
 * both bounds is worth 1e18 cash units (1e10 USD), the most any accepted fill can be.
 */
@Tag("slow")
class PostgresSinkBoundsTest
{
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final int BTC = 1;

    @TempDir
    Path dir;

    @Test
    void shouldStoreAFillAtTheBoundsExactlyAndIgnoreOnePast() throws Exception
    {
        final Instrument btc = TestJournal.INSTRUMENTS.at(0);
        final long maxTicks = btc.maxPriceTicks();
        final long maxLots = btc.maxQtyLots();
        assertEquals(100_000_000L, maxTicks);
        assertEquals(100_000_000L, maxLots);
        assertEquals(Instrument.MAX_NOTIONAL_CASH, maxTicks * maxLots * btc.cashPerTickLot());
        final long feeCash = Instrument.MAX_NOTIONAL_CASH / 10_000 * 2;

        final String url = TestPostgres.newDatabase();
        try (TestJournal journal = TestJournal.create(dir.resolve("journal")))
        {
            journal.quote(BTC, maxTicks - 2, maxLots, maxTicks, maxLots);
            journal.order(1, BTC, Side.BUY, maxLots);
            journal.report(1, BTC, ExecType.ACK, Side.BUY, 0, 0, maxLots, 0, 0);
            journal.report(1, BTC, ExecType.FILL, Side.BUY, maxLots, maxTicks, 0, maxLots, feeCash);
            journal.quote(BTC, maxTicks, 1, maxTicks + 1, 1);
            journal.quote(BTC, 1, maxLots + 1, 2, 1);
            journal.order(2, BTC, Side.SELL, 2);
            journal.report(2, BTC, ExecType.ACK, Side.SELL, 0, 0, 2, 0, 0);
            journal.report(2, BTC, ExecType.PARTIAL_FILL, Side.SELL, 1, maxTicks + 1, 1, 1, 0);
            journal.report(2, BTC, ExecType.PARTIAL_FILL, Side.SELL, 1, maxTicks, 1, 1,
                Instrument.MAX_NOTIONAL_CASH + 1);
            journal.report(2, BTC, ExecType.FILL, Side.SELL, 2, maxTicks, 0, 2, 0);

            drain(new PostgresSink(PostgresSinkContext.builder().instruments(TestJournal.INSTRUMENTS).batchSize(5)
                .maxBatchDelayMs(1).positionSnapshotIntervalMs(0).minRetryDelayMs(1).maxRetryDelayMs(20).ticks(true)
                .build(), journal.journal(), url, SystemNanoClock.INSTANCE));
        }

        assertEquals(2, count(url, "SELECT count(*) FROM easyquant.position_snapshots WHERE instrument_id = 1"),
            "the fill at the bounds and the last fill; the fills past a bound change no position");
        final String first = "FROM easyquant.position_snapshots WHERE instrument_id = 1 ORDER BY journal_index " +
            "LIMIT 1";
        assertEquals(maxLots, count(url, "SELECT position_lots " + first));
        assertEquals(Instrument.MAX_NOTIONAL_CASH, count(url, "SELECT cost_cash " + first));
        assertEquals(maxTicks - 1, count(url, "SELECT mark_ticks " + first), "the mid of the quote at the bound");
        assertEquals(-maxLots * btc.cashPerTickLot(), count(url, "SELECT unrealized_cash " + first));
        assertEquals(feeCash, count(url, "SELECT fees_cash " + first));
        assertEquals(1, count(url, "SELECT count(*) FROM easyquant.fills WHERE cl_ord_id = 1 AND " +
            "qty = 10000.0000 AND price = 1000000.00 AND fee = 2000000.00000000"));

        final String last = "FROM easyquant.position_snapshots WHERE instrument_id = 1 ORDER BY journal_index " +
            "DESC LIMIT 1";
        assertEquals(maxLots - 2, count(url, "SELECT position_lots " + last));
        assertEquals(maxTicks - 1, count(url, "SELECT mark_ticks " + last), "quotes past a bound do not mark");
        assertEquals(Instrument.MAX_NOTIONAL_CASH - 2 * maxTicks * btc.cashPerTickLot(),
            count(url, "SELECT cost_cash " + last));
        assertEquals(0, count(url, "SELECT realized_cash " + last), "sold at the average price");
        assertEquals(feeCash, count(url, "SELECT fees_cash " + last), "the fee past its bound was not applied");
    }

    private static void drain(final PostgresSink sink)
    {
        sink.requestDrain(TIMEOUT_NS);
        final long deadlineNs = System.nanoTime() + TIMEOUT_NS + TimeUnit.SECONDS.toNanos(5);
        try
        {
            while (System.nanoTime() - deadlineNs < 0)
            {
                sink.doWork();
            }
            fail("the sink did not stop: " + sink.status().line());
        }
        catch (final AgentTerminationException expected)
        {
            sink.onClose();
        }
        assertEquals(0, sink.status().lagRecords(), sink.status().line());
    }
}

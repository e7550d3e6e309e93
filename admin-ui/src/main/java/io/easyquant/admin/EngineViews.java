package io.easyquant.admin;

import io.easyquant.engine.Engine;
import io.easyquant.engine.feed.FeedMetrics;
import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.engine.metrics.MonitoredAgent;
import io.easyquant.engine.metrics.OrderBoard;
import io.easyquant.engine.metrics.PipelineMonitor;
import io.easyquant.engine.metrics.RiskRejections;
import io.easyquant.engine.order.OrderState;
import io.easyquant.engine.pipeline.IngestReject;
import io.easyquant.engine.risk.RiskLimits;
import io.easyquant.engine.risk.RiskReason;
import io.easyquant.journal.codec.BookState;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.TradingState;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The API's views of the engine, built from what the pipeline publishes (counters, order board, rejections, stage
 * monitor) and never from a stage's own state: reading them takes no lock the pipeline holds and cannot slow it.
 * Quantities and prices are decimals in the instrument's units, money in its quote currency, times ISO-8601 UTC.
 *
 * <p>Thread-safe: every method reads published values only. Allocates (cold path).
 */
final class EngineViews
{
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final int RECENT_ORDERS = 50;

    private final Engine engine;
    private final AdminSources sources;
    private final long staleAfterNs;
    private final Instruments instruments;
    private final EngineCounters counters;

    EngineViews(final Engine engine, final AdminSources sources, final long staleAfterNs)
    {
        this.engine = engine;
        this.sources = sources;
        this.staleAfterNs = staleAfterNs;
        this.instruments = engine.context().instruments();
        this.counters = engine.counters();
    }

    // ---- status ------------------------------------------------------------------------------------------------

    record Caller(String name, String role)
    {
    }

    record InstrumentStatus(
        int id, String symbol, String quoteCurrency, BigDecimal mark, BigDecimal position, BigDecimal netPnl)
    {
    }

    record Pnl(String currency, BigDecimal realized, BigDecimal unrealized, BigDecimal fees, BigDecimal net)
    {
    }

    record Ring(int size, long remainingCapacity)
    {
    }

    /**
     * The journal sink's progress, where one is configured: lag in journal records (-1 while unknown) and in engine
     * seconds, records and rows written and failures since it started.
     */
    record Sink(boolean up, long lagRecords, double lagSeconds, long records, long rows, long failures)
    {
    }

    record Status(
        String name,
        String tradingState,
        boolean running,
        String startedAt,
        long uptimeSeconds,
        String lastEventTime,
        Caller you,
        Map<String, Long> counts,
        List<InstrumentStatus> instruments,
        List<Pnl> pnl,
        Ring ring,
        Sink sink)
    {
    }

    Status status(final AdminToken caller)
    {
        final long startedAtMs = engine.startedAtMs();
        final Map<String, Long> counts = new LinkedHashMap<>();
        for (int c = 0; c < EngineCounters.globalCount(); c++)
        {
            if (c != EngineCounters.TRADING_STATE && c != EngineCounters.LAST_EVENT_TIME_NS)
            {
                counts.put(EngineCounters.globalName(c), counters.get(c));
            }
        }
        counts.put("working_orders", (long)engine.orderBoard().working().size());
        final List<InstrumentStatus> list = new ArrayList<>();
        final Map<String, long[]> pnlByCurrency = new TreeMap<>();
        for (int i = 0; i < instruments.count(); i++)
        {
            final Instrument instrument = instruments.at(i);
            final long realized = counters.instrument(i, EngineCounters.REALIZED_CASH);
            final long unrealized = counters.instrument(i, EngineCounters.UNREALIZED_CASH);
            final long fees = counters.instrument(i, EngineCounters.FEES_CASH);
            final long[] sums = pnlByCurrency.computeIfAbsent(instrument.quoteCurrency(), c -> new long[3]);
            sums[0] += realized;
            sums[1] += unrealized;
            sums[2] += fees;
            list.add(new InstrumentStatus(instrument.id(), instrument.symbol(), instrument.quoteCurrency(),
                price(instrument, counters.instrument(i, EngineCounters.MARK_TICKS)),
                instrument.lotsToQty(counters.instrument(i, EngineCounters.POSITION_LOTS)),
                money(realized + unrealized - fees)));
        }
        final List<Pnl> pnl = new ArrayList<>();
        pnlByCurrency.forEach((currency, sums) -> pnl.add(new Pnl(currency, money(sums[0]), money(sums[1]),
            money(sums[2]), money(sums[0] + sums[1] - sums[2]))));
        final long lastEventNs = counters.get(EngineCounters.LAST_EVENT_TIME_NS);
        return new Status(
            sources.name(),
            tradingState(),
            engine.isRunning(),
            startedAtMs == 0 ? null : Instant.ofEpochMilli(startedAtMs).toString(),
            startedAtMs == 0 ? 0 : Math.max(0, (System.currentTimeMillis() - startedAtMs) / 1000),
            lastEventNs == 0 ? null : time(lastEventNs),
            caller == null ? null : new Caller(caller.name(), caller.role().configName()),
            counts,
            list,
            pnl,
            new Ring(engine.ringSize(), engine.ringRemainingCapacity()),
            sink(sources.sink()));
    }

    private static Sink sink(final SinkMetrics sink)
    {
        return sink == null ? null : new Sink(sink.up(), sink.lagRecords(), sink.lagSeconds(), sink.records(),
            sink.rows(), sink.failures());
    }

    String tradingState()
    {
        return TradingState.name((int)counters.get(EngineCounters.TRADING_STATE));
    }

    // ---- positions ---------------------------------------------------------------------------------------------

    record Position(
        String symbol,
        String quoteCurrency,
        BigDecimal position,
        BigDecimal averagePrice,
        BigDecimal mark,
        BigDecimal realized,
        BigDecimal unrealized,
        BigDecimal fees,
        BigDecimal net,
        long fills)
    {
    }

    List<Position> positions()
    {
        final List<Position> positions = new ArrayList<>();
        for (int i = 0; i < instruments.count(); i++)
        {
            final Instrument instrument = instruments.at(i);
            final long lots = counters.instrument(i, EngineCounters.POSITION_LOTS);
            final long cost = counters.instrument(i, EngineCounters.COST_CASH);
            final long realized = counters.instrument(i, EngineCounters.REALIZED_CASH);
            final long unrealized = counters.instrument(i, EngineCounters.UNREALIZED_CASH);
            final long fees = counters.instrument(i, EngineCounters.FEES_CASH);
            final BigDecimal qty = instrument.lotsToQty(lots);
            final BigDecimal average = lots == 0 ? null : Instrument.cashToDecimal(cost)
                .divide(qty, instrument.tickSize().scale() + 4, RoundingMode.HALF_EVEN).stripTrailingZeros();
            positions.add(new Position(instrument.symbol(), instrument.quoteCurrency(), qty,
                average == null ? null : average.setScale(Math.max(0, average.scale()), RoundingMode.UNNECESSARY),
                price(instrument, counters.instrument(i, EngineCounters.MARK_TICKS)), money(realized),
                money(unrealized), money(fees), money(realized + unrealized - fees),
                counters.instrument(i, EngineCounters.INSTRUMENT_FILLS)));
        }
        return positions;
    }

    // ---- orders ------------------------------------------------------------------------------------------------

    record OrderView(
        long clOrdId,
        String symbol,
        String side,
        String type,
        BigDecimal quantity,
        BigDecimal limitPrice,
        BigDecimal filled,
        BigDecimal leaves,
        BigDecimal lastFillPrice,
        String state,
        boolean cancelRequested,
        String sentTime,
        String updatedTime)
    {
    }

    record Orders(int workingCapacity, List<OrderView> open, List<OrderView> recent, long completed)
    {
    }

    Orders orders()
    {
        final OrderBoard board = engine.orderBoard();
        final List<OrderView> open = new ArrayList<>();
        for (final OrderBoard.OrderSnapshot order : board.working())
        {
            open.add(order(order));
        }
        open.sort((a, b) -> Long.compare(b.clOrdId(), a.clOrdId()));
        final List<OrderView> recent = new ArrayList<>();
        for (final OrderBoard.OrderSnapshot order : board.recent(RECENT_ORDERS))
        {
            recent.add(order(order));
        }
        return new Orders(board.workingCapacity(), open, recent, board.completedCount());
    }

    private OrderView order(final OrderBoard.OrderSnapshot order)
    {
        final Instrument instrument = instruments.at(order.instrumentIndex());
        return new OrderView(
            order.clOrdId(),
            instrument.symbol(),
            sideName(order.side()),
            order.orderType() == OrderType.LIMIT ? "LIMIT" : "MARKET",
            instrument.lotsToQty(order.qtyLots()),
            order.orderType() == OrderType.LIMIT ? price(instrument, order.limitPriceTicks()) : null,
            instrument.lotsToQty(order.cumQtyLots()),
            instrument.lotsToQty(order.leavesQtyLots()),
            price(instrument, order.lastFillPriceTicks()),
            OrderState.name(order.state()),
            order.cancelRequested(),
            time(order.sentTimeNs()),
            time(order.updatedTimeNs()));
    }

    // ---- risk --------------------------------------------------------------------------------------------------

    record Limit(
        String symbol,
        BigDecimal maxOrderQty,
        BigDecimal maxPosition,
        BigDecimal position,
        BigDecimal positionUsedPercent)
    {
    }

    record Rejection(
        String time,
        long sequence,
        long intentId,
        String symbol,
        String side,
        BigDecimal quantity,
        String reason,
        String observed,
        String limit,
        String tradingState)
    {
    }

    record Risk(
        String tradingState,
        List<Limit> limits,
        long workingOrders,
        int maxWorkingOrders,
        Map<String, Long> rejectionsByReason,
        Map<String, Long> ingestRejectsByReason,
        List<Rejection> recentRejections)
    {
    }

    Risk risk()
    {
        final RiskLimits limits = engine.context().riskLimits();
        final List<Limit> list = new ArrayList<>();
        for (int i = 0; i < instruments.count(); i++)
        {
            final Instrument instrument = instruments.at(i);
            final long positionLots = counters.instrument(i, EngineCounters.POSITION_LOTS);
            final long maxPositionLots = limits.maxPositionLots(i);
            list.add(new Limit(instrument.symbol(), instrument.lotsToQty(limits.maxOrderQtyLots(i)),
                instrument.lotsToQty(maxPositionLots), instrument.lotsToQty(positionLots),
                maxPositionLots == 0 ? null : BigDecimal.valueOf(Math.abs(positionLots) * 100.0 / maxPositionLots)
                    .setScale(1, RoundingMode.HALF_EVEN)));
        }
        final Map<String, Long> byReason = new LinkedHashMap<>();
        for (int r = 1; r < RiskReason.COUNT; r++)
        {
            byReason.put(RiskReason.name(r), counters.riskRejects(r));
        }
        final Map<String, Long> ingest = new LinkedHashMap<>();
        for (int r = 1; r < IngestReject.COUNT; r++)
        {
            ingest.put(IngestReject.name(r), counters.ingestRejects(r));
        }
        final List<Rejection> recent = new ArrayList<>();
        for (final RiskRejections.Rejection rejection : engine.riskRejections().recent(RiskRejections.DEFAULT_CAPACITY))
        {
            recent.add(rejection(rejection));
        }
        return new Risk(tradingState(), list, engine.orderBoard().working().size(),
            engine.context().execution().maxWorkingOrders(), byReason, ingest, recent);
    }

    private Rejection rejection(final RiskRejections.Rejection r)
    {
        final Instrument instrument = instruments.at(r.instrumentIndex());
        final String observed;
        final String limit;
        switch (r.reason())
        {
            case RiskReason.TRADING_HALTED:
                observed = TradingState.name((int)r.observed());
                limit = TradingState.name((int)r.limit());
                break;
            case RiskReason.REDUCE_ONLY:
            case RiskReason.MAX_ORDER_QTY:
            case RiskReason.MAX_POSITION:
                observed = instrument.lotsToQty(r.observed()).toPlainString();
                limit = instrument.lotsToQty(r.limit()).toPlainString();
                break;
            case RiskReason.NO_REFERENCE_PRICE:
                observed = "no price";
                limit = "a price";
                break;
            case RiskReason.MAX_ORDER_NOTIONAL:
            case RiskReason.MAX_GROSS_EXPOSURE:
            case RiskReason.DAILY_LOSS:
                observed = Instrument.cashToDecimal(r.observed()).toPlainString() + " " + instrument.quoteCurrency();
                limit = Instrument.cashToDecimal(r.limit()).toPlainString() + " " + instrument.quoteCurrency();
                break;
            case RiskReason.STALE_MARKET_DATA:
            case RiskReason.DUPLICATE_INTENT:
                observed = BigDecimal.valueOf(r.observed(), 6).stripTrailingZeros().toPlainString() + " ms";
                limit = BigDecimal.valueOf(r.limit(), 6).stripTrailingZeros().toPlainString() + " ms";
                break;
            case RiskReason.PRICE_COLLAR:
            case RiskReason.VOLATILITY_HALT:
                final String unit = r.reason() == RiskReason.PRICE_COLLAR &&
                    engine.context().riskLimits().collarTicks(r.instrumentIndex()) >= 0 ? " ticks" : " ppm";
                observed = r.observed() + unit;
                limit = r.limit() + unit;
                break;
            default:
                observed = Long.toString(r.observed());
                limit = Long.toString(r.limit());
                break;
        }
        return new Rejection(time(r.timeNs()), r.sequence(), r.intentId(), instrument.symbol(), sideName(r.side()),
            instrument.lotsToQty(r.qtyLots()), RiskReason.name(r.reason()), observed, limit,
            TradingState.name(r.tradingState()));
    }

    // ---- live feeds ----------------------------------------------------------------------------------------------

    /**
     * A live feed: its counters by name and its books' states.
     */
    record Feed(String name, Map<String, Long> counters, List<Book> books)
    {
    }

    /**
     * One venue book of a live feed.
     */
    record Book(String symbol, String state)
    {
    }

    List<Feed> feeds()
    {
        final List<Feed> feeds = new ArrayList<>();
        for (final FeedMetrics feed : sources.feeds())
        {
            final Map<String, Long> values = new LinkedHashMap<>();
            for (int c = 0; c < feed.counterCount(); c++)
            {
                values.put(feed.counterName(c), feed.counter(c));
            }
            final List<Book> books = new ArrayList<>();
            for (int b = 0; b < feed.bookCount(); b++)
            {
                final int index = engine.context().instruments().indexOf(feed.bookInstrumentId(b));
                final int state = feed.bookState(b);
                books.add(new Book(index >= 0 ? engine.context().instruments().at(index).symbol() :
                    Integer.toString(feed.bookInstrumentId(b)), state == 0 ? "NONE" : BookState.name(state)));
            }
            feeds.add(new Feed(feed.name(), values, books));
        }
        return feeds;
    }

    // ---- processes and readiness -------------------------------------------------------------------------------

    record Process(
        String name,
        String kind,
        String thread,
        String state,
        Long heartbeatAgeMs,
        long processed,
        Long lag)
    {
    }

    List<Process> processes()
    {
        final List<Process> processes = new ArrayList<>();
        final PipelineMonitor monitor = engine.monitor();
        final long nowNs = engine.context().clock().nanoTime();
        final long cursor = engine.ringCursor();
        final boolean running = engine.isRunning();
        for (int stage = 0; stage < monitor.stageCount(); stage++)
        {
            final long last = monitor.lastSequence(stage);
            final long heartbeat = monitor.heartbeatTimeNs(stage);
            final Long ageMs = last < 0 ? null : Math.max(0, TimeUnit.NANOSECONDS.toMillis(nowNs - heartbeat));
            final long lag = Math.max(0, cursor - last);
            final String state;
            if (!running)
            {
                state = "stopped";
            }
            else if (last < 0)
            {
                state = lag > 0 ? "starting" : "idle";
            }
            else if (nowNs - heartbeat > staleAfterNs)
            {
                state = lag > 0 ? "stalled" : "idle";
            }
            else
            {
                state = "running";
            }
            processes.add(new Process(monitor.stageName(stage), "stage", monitor.thread(stage), state, ageMs,
                last + 1, lag));
        }
        final long nanoNow = System.nanoTime();
        for (final MonitoredAgent agent : sources.agents())
        {
            final String state;
            Long ageMs = null;
            switch (agent.state())
            {
                case MonitoredAgent.NEW:
                    state = "starting";
                    break;
                case MonitoredAgent.CLOSED:
                    state = "stopped";
                    break;
                default:
                    final long ageNs = nanoNow - agent.heartbeatNanoTime();
                    ageMs = Math.max(0, TimeUnit.NANOSECONDS.toMillis(ageNs));
                    state = ageNs > staleAfterNs ? "stalled" : "running";
                    break;
            }
            processes.add(new Process(agent.roleName(), "agent", agent.thread(), state, ageMs, agent.work(), null));
        }
        return processes;
    }

    record Check(String name, boolean ok, String problem)
    {
    }

    record Readiness(boolean ready, List<Check> checks)
    {
    }

    Readiness readiness()
    {
        final List<Check> checks = new ArrayList<>();
        String pipeline = engine.isRunning() ? null : "the pipeline is not running";
        if (pipeline == null)
        {
            for (final Process process : processes())
            {
                if ("stage".equals(process.kind()) && "stalled".equals(process.state()))
                {
                    pipeline = "stage " + process.name() + " has made no progress for " +
                        process.heartbeatAgeMs() / 1000.0 + " s with " + process.lag() + " events waiting";
                    break;
                }
            }
        }
        checks.add(new Check("pipeline", pipeline == null, pipeline));
        final long notJournaled = counters.ingestRejects(IngestReject.NOT_JOURNALED);
        final String journal = notJournaled == 0 ? null :
            notJournaled + " input(s) could not be journaled; trading was halted";
        checks.add(new Check("journal-appends", journal == null, journal));
        final long nanoNow = System.nanoTime();
        for (final MonitoredAgent agent : sources.agents())
        {
            String problem = null;
            if (agent.state() == MonitoredAgent.CLOSED)
            {
                problem = agent.roleName() + " has stopped";
            }
            else if (agent.state() == MonitoredAgent.NEW)
            {
                problem = agent.roleName() + " has not started";
            }
            else if (nanoNow - agent.heartbeatNanoTime() > staleAfterNs)
            {
                problem = agent.roleName() + " has not run for " +
                    TimeUnit.NANOSECONDS.toMillis(nanoNow - agent.heartbeatNanoTime()) / 1000.0 + " s";
            }
            checks.add(new Check(agent.roleName(), problem == null, problem));
        }
        for (final ReadinessCheck check : sources.checks())
        {
            String problem;
            try
            {
                problem = check.problem();
            }
            catch (final RuntimeException ex)
            {
                problem = "the check failed: " + ex;
            }
            checks.add(new Check(check.name(), problem == null, problem));
        }
        boolean ready = true;
        for (final Check check : checks)
        {
            ready &= check.ok();
        }
        return new Readiness(ready, checks);
    }

    // ---- formatting --------------------------------------------------------------------------------------------

    static String time(final long epochNs)
    {
        return epochNs == 0 ? null :
            Instant.ofEpochSecond(Math.floorDiv(epochNs, NANOS_PER_SECOND), Math.floorMod(epochNs, NANOS_PER_SECOND))
                .toString();
    }

    private static BigDecimal price(final Instrument instrument, final long ticks)
    {
        return ticks == 0 ? null : instrument.ticksToPrice(ticks);
    }

    private static BigDecimal money(final long cash)
    {
        return Instrument.cashToDecimal(cash).setScale(2, RoundingMode.HALF_EVEN);
    }

    private static String sideName(final byte side)
    {
        return side == Side.BUY ? "BUY" : side == Side.SELL ? "SELL" : "NONE";
    }

    static String lower(final String name)
    {
        return name.toLowerCase(Locale.ROOT);
    }
}

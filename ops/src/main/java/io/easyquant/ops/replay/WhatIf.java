package io.easyquant.ops.replay;

import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.portfolio.PositionBook;
import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.OrderCodec;
import io.easyquant.journal.codec.OrderIntentCodec;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.RiskDecisionCodec;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalReader;
import io.easyquant.ops.backtest.Simulation;
import io.easyquant.ops.config.Configuration;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A what-if: the market data of a journal run twice, each run a {@link Simulation} (the engine in simulated time
 * with the paper venue answering), once with a baseline configuration and once with a changed one; then the two runs'
 * decisions and final positions compared ({@link DiffResult}).
 *
 * <p>Only market data is read: trades, quotes and bars, in journal order. The journal's venue reports, commands and
 * timer ticks are not: each run's paper venue answers its own orders, so the runs differ only by their configuration.
 * The market data of a journal that several sessions appended to is run as one continuous market.
 *
 * <p>Decisions are lined up by decision point: (market events run before the one that caused the decision, instrument
 * id). Engine sequences are not comparable between the runs, because venue reports are inputs that take sequences
 * and the runs get different reports. At one decision point:
 * <ul>
 *   <li>orders are compared in the order they were sent: a pair on different terms (side, type, quantity, limit
 *       price) is changed, an order with no counterpart is added (what-if only) or removed (baseline only);</li>
 *   <li>risk rejections are matched by reason, in order: one with no counterpart of the same reason is added or
 *       removed (a rejection whose reason changed is one of each).</li>
 * </ul>
 *
 * <p>The paper venue draws its seeded randomness (partial fills, rejects) order by order, so once the runs send
 * different orders, the fills of later orders may differ too: that is part of the configuration's effect.
 *
 * <p>Both runs advance in lock step, one market event at a time, and each event's decisions are compared as soon as
 * both runs have made them, so memory holds only the differences. Single-threaded.
 */
public final class WhatIf
{
    private final Configuration baseline;
    private final Configuration whatIf;

    /**
     * @param baseline the configuration the journal was written with.
     * @param whatIf   the changed configuration.
     */
    public WhatIf(final Configuration baseline, final Configuration whatIf)
    {
        this.baseline = baseline;
        this.whatIf = whatIf;
    }

    /**
     * Run both configurations over the journal's market data and compare them.
     *
     * @param market the journal to read trades, quotes and bars from.
     * @throws IllegalStateException if a simulation refuses a market record (which a record read from a journal
     *                               cannot cause).
     */
    public DiffResult run(final Journal market)
    {
        final Run base = new Run(baseline);
        final Run alt = new Run(whatIf);
        final Differences differences = new Differences();
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        long events = 0;
        try (JournalReader reader = market.newReader())
        {
            int length;
            while ((length = reader.next(record)) > 0)
            {
                if (!isMarketData(RecordHeader.templateId(record, 0)))
                {
                    continue;
                }
                if (!base.simulation.publishRecorded(record, 0, length) ||
                    !alt.simulation.publishRecorded(record, 0, length))
                {
                    throw new IllegalStateException(market.directory() + ": a simulation refused the market record " +
                        "at journal index " + Long.toHexString(reader.index()));
                }
                events++;
                differences.compare(base.takeDecisions(), alt.takeDecisions());
            }
        }
        return new DiffResult(events, base.orders, alt.orders, base.rejections, alt.rejections,
            differences.ordersAdded, differences.ordersRemoved, differences.ordersChanged,
            differences.rejectionsAdded, differences.rejectionsRemoved, instrumentResults(base, alt));
    }

    /**
     * @return true for the record types that are market data: trades, quotes and bars.
     */
    public static boolean isMarketData(final int templateId)
    {
        return templateId == RecordType.TRADE.code() || templateId == RecordType.QUOTE.code() ||
            templateId == RecordType.BAR.code();
    }

    private static List<DiffResult.InstrumentResult> instrumentResults(final Run base, final Run alt)
    {
        final Instruments baseInstruments = base.config.instruments();
        final Instruments altInstruments = alt.config.instruments();
        final List<DiffResult.InstrumentResult> results = new ArrayList<>();
        for (int i = 0; i < baseInstruments.count(); i++)
        {
            final Instrument instrument = baseInstruments.at(i);
            final int altIndex = altInstruments.indexOf(instrument.id());
            results.add(new DiffResult.InstrumentResult(instrument.id(), instrument.symbol(), base.pnl(i),
                altIndex == Instruments.UNKNOWN ? DiffResult.Pnl.NONE : alt.pnl(altIndex)));
        }
        for (int i = 0; i < altInstruments.count(); i++)
        {
            final Instrument instrument = altInstruments.at(i);
            if (baseInstruments.indexOf(instrument.id()) == Instruments.UNKNOWN)
            {
                results.add(new DiffResult.InstrumentResult(
                    instrument.id(), instrument.symbol(), DiffResult.Pnl.NONE, alt.pnl(i)));
            }
        }
        return results;
    }

    /**
     * A decision point: market events run before the causing one, and the instrument.
     */
    private record Key(long marketEvent, int instrumentId) implements Comparable<Key>
    {
        @Override
        public int compareTo(final Key other)
        {
            final int byEvent = Long.compare(marketEvent, other.marketEvent);
            return byEvent != 0 ? byEvent : Integer.compare(instrumentId, other.instrumentId);
        }
    }

    /**
     * What one run decided at one decision point, in the order it decided.
     */
    private static final class Decisions
    {
        static final Decisions NONE = new Decisions();

        final List<DiffResult.Order> orders = new ArrayList<>();
        final List<DiffResult.Rejection> rejections = new ArrayList<>();
    }

    /**
     * One simulation and its captured outputs.
     */
    private static final class Run
    {
        final Configuration config;
        final DecisionCapture capture = new DecisionCapture();
        final Simulation simulation;
        final OrderCodec order = new OrderCodec();
        final OrderIntentCodec intent = new OrderIntentCodec();
        final RiskDecisionCodec decision = new RiskDecisionCodec();
        final Long2ObjectHashMap<byte[]> intents = new Long2ObjectHashMap<>();
        long orders;
        long rejections;

        Run(final Configuration config)
        {
            this.config = config;
            simulation = new Simulation(config, RecordSink.NONE, capture, (timeNs, engine) ->
            {
            });
            capture.attach(simulation);
        }

        /**
         * The orders and rejections captured since the last call, by decision point; clears the capture.
         */
        TreeMap<Key, Decisions> takeDecisions()
        {
            final TreeMap<Key, Decisions> byKey = new TreeMap<>();
            intents.clear();
            for (final DecisionCapture.Output output : capture.outputs())
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(output.record());
                final int templateId = RecordHeader.templateId(buffer, 0);
                if (templateId == RecordType.ORDER_INTENT.code())
                {
                    intent.wrap(buffer, 0);
                    intents.put(intent.intentId(), output.record());
                }
                else if (templateId == RecordType.ORDER.code())
                {
                    order.wrap(buffer, 0);
                    final int instrumentId = order.instrumentId();
                    final Instrument instrument = instrument(instrumentId);
                    decisionsAt(byKey, output.marketEvent(), instrumentId).orders.add(new DiffResult.Order(
                        output.marketEvent(), order.timeNs(), instrumentId, symbol(instrument, instrumentId),
                        order.side(), order.orderType(), qty(instrument, order.qtyLots()),
                        price(instrument, order.orderType(), order.limitPriceTicks())));
                    orders++;
                }
                else if (templateId == RecordType.RISK_DECISION.code())
                {
                    decision.wrap(buffer, 0);
                    if (decision.reasonCode() != 0)
                    {
                        decisionsAt(byKey, output.marketEvent(), decision.instrumentId()).rejections
                            .add(rejection(output.marketEvent()));
                        rejections++;
                    }
                }
            }
            capture.clear();
            return byKey;
        }

        private DiffResult.Rejection rejection(final long marketEvent)
        {
            final int instrumentId = decision.instrumentId();
            final Instrument instrument = instrument(instrumentId);
            final byte[] intentRecord = intents.get(decision.intentId());
            byte side = Side.NONE;
            byte orderType = 0;
            BigDecimal qty = BigDecimal.ZERO;
            BigDecimal price = null;
            if (intentRecord != null)
            {
                intent.wrap(new UnsafeBuffer(intentRecord), 0);
                side = intent.side();
                orderType = intent.orderType();
                qty = qty(instrument, intent.qtyLots());
                price = price(instrument, orderType, intent.limitPriceTicks());
            }
            return new DiffResult.Rejection(marketEvent, decision.timeNs(), instrumentId, symbol(instrument,
                instrumentId), side, orderType, qty, price, decision.reasonCode());
        }

        private static Decisions decisionsAt(
            final TreeMap<Key, Decisions> byKey, final long marketEvent, final int instrumentId)
        {
            return byKey.computeIfAbsent(new Key(marketEvent, instrumentId), key -> new Decisions());
        }

        /**
         * @return the configured instrument, or null for an id this run's configuration does not have (its outputs
         * never name one; kept apart only so that such a record cannot stop the report).
         */
        private Instrument instrument(final int instrumentId)
        {
            final int index = config.instruments().indexOf(instrumentId);
            return index == Instruments.UNKNOWN ? null : config.instruments().at(index);
        }

        private static String symbol(final Instrument instrument, final int instrumentId)
        {
            return instrument != null ? instrument.symbol() : "#" + instrumentId;
        }

        private static BigDecimal qty(final Instrument instrument, final long qtyLots)
        {
            return instrument != null ? instrument.lotsToQty(qtyLots) : BigDecimal.valueOf(qtyLots);
        }

        private static BigDecimal price(final Instrument instrument, final byte orderType, final long priceTicks)
        {
            if (orderType != OrderType.LIMIT)
            {
                return null;
            }
            return instrument != null ? instrument.ticksToPrice(priceTicks) : BigDecimal.valueOf(priceTicks);
        }

        DiffResult.Pnl pnl(final int index)
        {
            final PositionBook positions = simulation.engine().execution().positions();
            return new DiffResult.Pnl(
                config.instruments().at(index).lotsToQty(positions.positionLots(index)),
                Instrument.cashToDecimal(positions.realizedCash(index)),
                Instrument.cashToDecimal(positions.unrealizedCash(index)),
                Instrument.cashToDecimal(positions.feesCash(index)),
                Instrument.cashToDecimal(positions.netPnlCash(index)));
        }
    }

    /**
     * The differences found so far.
     */
    private static final class Differences
    {
        final List<DiffResult.Order> ordersAdded = new ArrayList<>();
        final List<DiffResult.Order> ordersRemoved = new ArrayList<>();
        final List<DiffResult.OrderChange> ordersChanged = new ArrayList<>();
        final List<DiffResult.Rejection> rejectionsAdded = new ArrayList<>();
        final List<DiffResult.Rejection> rejectionsRemoved = new ArrayList<>();

        void compare(final TreeMap<Key, Decisions> base, final TreeMap<Key, Decisions> alt)
        {
            final TreeSet<Key> keys = new TreeSet<>(base.keySet());
            keys.addAll(alt.keySet());
            for (final Key key : keys)
            {
                final Decisions before = base.getOrDefault(key, Decisions.NONE);
                final Decisions after = alt.getOrDefault(key, Decisions.NONE);
                compareOrders(before.orders, after.orders);
                compareRejections(before.rejections, after.rejections);
            }
        }

        private void compareOrders(final List<DiffResult.Order> before, final List<DiffResult.Order> after)
        {
            final int common = Math.min(before.size(), after.size());
            for (int i = 0; i < common; i++)
            {
                if (!before.get(i).sameTerms(after.get(i)))
                {
                    ordersChanged.add(new DiffResult.OrderChange(before.get(i), after.get(i)));
                }
            }
            ordersRemoved.addAll(before.subList(common, before.size()));
            ordersAdded.addAll(after.subList(common, after.size()));
        }

        private void compareRejections(
            final List<DiffResult.Rejection> before, final List<DiffResult.Rejection> after)
        {
            final List<DiffResult.Rejection> unmatched = new ArrayList<>(after);
            for (final DiffResult.Rejection rejection : before)
            {
                if (!removeFirstWithReason(unmatched, rejection.reasonCode()))
                {
                    rejectionsRemoved.add(rejection);
                }
            }
            rejectionsAdded.addAll(unmatched);
        }

        private static boolean removeFirstWithReason(final List<DiffResult.Rejection> rejections, final int reason)
        {
            for (final Iterator<DiffResult.Rejection> it = rejections.iterator(); it.hasNext(); )
            {
                if (it.next().reasonCode() == reason)
                {
                    it.remove();
                    return true;
                }
            }
            return false;
        }
    }
}

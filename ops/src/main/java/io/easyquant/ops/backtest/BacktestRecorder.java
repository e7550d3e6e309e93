package io.easyquant.ops.backtest;

import io.easyquant.engine.instrument.Instrument;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Records a backtest as the driver runs it: every fill, and one equity sample per market-data timestamp. Then
 * {@link #finish(BacktestInfo)} computes the {@link BacktestResult}.
 *
 * <p>Single-threaded: the driver calls it from the thread that runs the engine. Samples are kept in primitive arrays
 * of the engine's cash units (1e-8 of the quote currency), so a long replay costs 25 bytes a sample while recording;
 * {@link #onMarkCash} records one without allocating.
 *
 * <p>A driver's mistake (a sample going back in time, a fill for an unknown symbol) throws
 * {@link IllegalArgumentException}: it is a bug in the driver, not bad market data.
 */
public final class BacktestRecorder
{
    private static final int INITIAL_CAPACITY = 1024;
    private static final BigDecimal CASH_SCALE = BigDecimal.valueOf(Instrument.CASH_SCALE);

    private final BigDecimal initialCapital;
    private final List<String> symbols;
    private final String quoteCurrency;
    private final List<Fill> fills = new ArrayList<>();

    private int size;
    private long[] timesNs = new long[INITIAL_CAPACITY];
    private long[] equityCash = new long[INITIAL_CAPACITY];
    private long[] grossExposureCash = new long[INITIAL_CAPACITY];
    private boolean[] inMarket = new boolean[INITIAL_CAPACITY];

    /**
     * @param initialCapital capital at the start in the quote currency, positive.
     * @param symbols        the instruments, distinct; the report lists positions in this order.
     * @param quoteCurrency  the currency of every money amount, e.g. {@code USD}.
     * @throws IllegalArgumentException if the capital is not positive or a symbol repeats.
     */
    public BacktestRecorder(final BigDecimal initialCapital, final List<String> symbols, final String quoteCurrency)
    {
        Objects.requireNonNull(initialCapital, "initialCapital");
        if (initialCapital.signum() <= 0)
        {
            throw new IllegalArgumentException("initial capital must be positive, got " + initialCapital);
        }
        this.symbols = List.copyOf(symbols);
        if (this.symbols.stream().distinct().count() != this.symbols.size())
        {
            throw new IllegalArgumentException("symbols must be distinct: " + this.symbols);
        }
        this.initialCapital = initialCapital;
        this.quoteCurrency = Objects.requireNonNull(quoteCurrency, "quoteCurrency");
    }

    /**
     * Records one fill (a row of {@code trades.csv}).
     *
     * @param timeNs           simulated time of the fill, epoch nanoseconds.
     * @param symbol           one of the recorder's symbols.
     * @param buy              true for a buy.
     * @param qty              filled quantity, positive.
     * @param price            fill price.
     * @param fee              fee of this fill.
     * @param clOrdId          the engine's client order id.
     * @param execId           the venue's execution id.
     * @param realizedPnlDelta realized PnL this fill booked before fees; zero if it only opened or added.
     * @throws IllegalArgumentException if the symbol is unknown or the quantity not positive.
     */
    public void onFill(
        final long timeNs,
        final String symbol,
        final boolean buy,
        final BigDecimal qty,
        final BigDecimal price,
        final BigDecimal fee,
        final long clOrdId,
        final long execId,
        final BigDecimal realizedPnlDelta)
    {
        if (!symbols.contains(symbol))
        {
            throw new IllegalArgumentException("fill for unknown symbol " + symbol + ", expected one of " + symbols);
        }
        fills.add(new Fill(timeNs, symbol, buy, qty, price, fee, clOrdId, execId, realizedPnlDelta));
    }

    /**
     * Records the equity after a market-data event. A sample at the same time as the previous one replaces it.
     * Amounts are rounded half-even to 1e-8, the engine's cash unit.
     *
     * @param timeNs        simulated time, epoch nanoseconds; never less than the previous sample's.
     * @param equity        initial capital plus net PnL, in the quote currency.
     * @param grossExposure sum of the absolute values of the open positions, in the quote currency.
     * @param inMarket      whether any position is open.
     * @throws IllegalArgumentException if time goes backwards.
     * @throws ArithmeticException      if an amount does not fit a long of 1e-8 units.
     */
    public void onMark(final long timeNs, final BigDecimal equity, final BigDecimal grossExposure,
        final boolean inMarket)
    {
        onMarkCash(timeNs, toCash(equity), toCash(grossExposure), inMarket);
    }

    /**
     * {@link #onMark} with amounts already in the engine's cash units (1e-8 of the quote currency), e.g. from
     * {@code EngineCounters}; allocates nothing except when the sample arrays grow.
     *
     * @param timeNs            simulated time, epoch nanoseconds; never less than the previous sample's.
     * @param equityCash        equity in cash units.
     * @param grossExposureCash gross exposure in cash units.
     * @param inMarket          whether any position is open.
     * @throws IllegalArgumentException if time goes backwards.
     */
    public void onMarkCash(final long timeNs, final long equityCash, final long grossExposureCash,
        final boolean inMarket)
    {
        int index = size;
        if (size > 0)
        {
            final long lastNs = timesNs[size - 1];
            if (timeNs < lastNs)
            {
                throw new IllegalArgumentException(
                    "equity sample at " + timeNs + " ns is before the previous one at " + lastNs + " ns");
            }
            index = timeNs == lastNs ? size - 1 : size;
        }
        if (index == timesNs.length)
        {
            final int capacity = timesNs.length * 2;
            timesNs = Arrays.copyOf(timesNs, capacity);
            this.equityCash = Arrays.copyOf(this.equityCash, capacity);
            this.grossExposureCash = Arrays.copyOf(this.grossExposureCash, capacity);
            this.inMarket = Arrays.copyOf(this.inMarket, capacity);
        }
        timesNs[index] = timeNs;
        this.equityCash[index] = equityCash;
        this.grossExposureCash[index] = grossExposureCash;
        this.inMarket[index] = inMarket;
        size = index + 1;
    }

    /**
     * @return the number of equity samples so far.
     */
    public int samples()
    {
        return size;
    }

    /**
     * @return the number of fills so far.
     */
    public int fills()
    {
        return fills.size();
    }

    /**
     * Computes the result of what was recorded so far. The recorder may go on recording; a later call includes
     * the later records.
     *
     * @param info the driver's counters and final positions; each position's symbol must be one of the recorder's.
     * @return the immutable result, positions ordered as the recorder's symbols.
     * @throws IllegalArgumentException if a position is for an unknown symbol or two are for the same one.
     */
    public BacktestResult finish(final BacktestInfo info)
    {
        final List<FinalPosition> positions = new ArrayList<>(info.positions());
        for (final FinalPosition position : positions)
        {
            if (!symbols.contains(position.symbol()))
            {
                throw new IllegalArgumentException(
                    "position for unknown symbol " + position.symbol() + ", expected one of " + symbols);
            }
        }
        positions.sort(Comparator.comparingInt(position -> symbols.indexOf(position.symbol())));
        for (int i = 1; i < positions.size(); i++)
        {
            if (positions.get(i).symbol().equals(positions.get(i - 1).symbol()))
            {
                throw new IllegalArgumentException("two positions for " + positions.get(i).symbol());
            }
        }
        final BacktestInfo ordered = new BacktestInfo(info.configFile(), info.strategy(), info.events(),
            info.orders(), info.fills(), info.riskRejects(), info.venueRejects(), positions);
        final EquityCurve curve = new EquityCurve(size, timesNs, equityCash, grossExposureCash, inMarket);
        return new BacktestResult(ordered, quoteCurrency, symbols, fills, curve,
            BacktestStatistics.of(initialCapital, fills, curve, positions));
    }

    private static long toCash(final BigDecimal amount)
    {
        return amount.multiply(CASH_SCALE).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }
}

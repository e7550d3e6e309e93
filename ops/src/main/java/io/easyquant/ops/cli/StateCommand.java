package io.easyquant.ops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.order.OrderState;
import io.easyquant.engine.state.StateReader;
import io.easyquant.engine.state.StateSnapshot;
import io.easyquant.engine.state.StateStore;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.OrderType;
import io.easyquant.journal.codec.Side;
import io.easyquant.journal.codec.TradingState;
import io.easyquant.journal.queue.Journal;
import io.easyquant.ops.config.ConfigLoader;
import io.easyquant.ops.runtime.EngineRunner;
import io.easyquant.engine.risk.RiskCounter;
import picocli.CommandLine;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code easyquant state --data DIR [--json]}: the off-heap state maps under {@code DIR/state} (positions, working
 * orders, risk counters, trading state), each entry with the journal index of the input it reflects and its status
 * ({@code ok}, {@code torn}, {@code corrupt}). Opens the maps without recovery and writes nothing, so it works while
 * the engine runs and after a crash. Instrument symbols come from the configuration journaled in {@code DIR/journal}
 * when there is one, else instruments are shown by index ({@code #0}).
 */
@CommandLine.Command(name = "state", description = {
    "Print the off-heap state (positions, working orders, risk counters, trading state) under DIR/state,",
    "each entry with the journal index of the input it reflects. Read-only; works while the engine runs."})
public final class StateCommand implements Callable<Integer>
{
    private static final int CASH_SCALE = 8;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @CommandLine.Option(names = "--data", required = true, paramLabel = "DIR",
        description = "The data directory of a run, e.g. data/paper.")
    private Path dataDir;

    @CommandLine.Option(names = "--json", description = "Print one JSON document instead of text.")
    private boolean json;

    /**
     * The name of a risk counter id ({@link RiskCounter#name}).
     */
    static String counterName(final int counter)
    {
        return RiskCounter.name(counter);
    }

    @Override
    public Integer call()
    {
        if (!Files.isDirectory(dataDir.resolve(StateStore.DIRECTORY)))
        {
            System.err.println("error: " + dataDir + ": no state directory (" + StateStore.DIRECTORY + "/)");
            return 2;
        }
        final StateSnapshot snapshot;
        try (StateReader reader = StateReader.open(dataDir))
        {
            snapshot = reader.snapshot();
        }
        catch (final IOException | RuntimeException ex)
        {
            System.err.println("error: " + dataDir + ": cannot read the state: " + ex.getMessage());
            return 2;
        }
        final List<String> symbols = symbols(dataDir);
        try
        {
            System.out.print(json ? json(snapshot, symbols) : text(snapshot, symbols));
        }
        catch (final IOException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 1;
        }
        System.out.flush();
        return 0;
    }

    private static List<String> symbols(final Path dataDir)
    {
        final List<String> symbols = new ArrayList<>();
        final Path journalDirectory = dataDir.resolve(EngineRunner.JOURNAL_DIRECTORY);
        if (!Files.isDirectory(journalDirectory))
        {
            return symbols;
        }
        try (Journal journal = Journal.openForReading(journalDirectory))
        {
            final Instruments instruments = new ConfigLoader()
                .parseJournaled(journalDirectory.toString(), journal.header().configText()).instruments();
            for (int i = 0; i < instruments.count(); i++)
            {
                symbols.add(instruments.at(i).symbol());
            }
        }
        catch (final Exception ex)
        {
            symbols.clear();
        }
        return symbols;
    }

    private static String instrument(final List<String> symbols, final int index)
    {
        if (index < 0)
        {
            return "engine-wide";
        }
        return index < symbols.size() ? symbols.get(index) : "#" + index;
    }

    private static BigDecimal cash(final long cashUnits)
    {
        return BigDecimal.valueOf(cashUnits, CASH_SCALE);
    }

    static String text(final StateSnapshot snapshot, final List<String> symbols)
    {
        final StringBuilder out = new StringBuilder(1024);
        final StateSnapshot.Trading trading = snapshot.tradingState();
        out.append(String.format("trading state  %s by %s  input %d  %s%n", TradingState.name(trading.state()),
            CommandOrigin.name(trading.origin()), trading.tag(), trading.status()));
        out.append(String.format("%npositions%n"));
        out.append(String.format("  %-12s %12s %20s %20s %18s %8s %12s %s%n", "instrument", "lots", "cost", "realized",
            "fees", "fills", "input", "status"));
        for (final StateSnapshot.Position position : snapshot.positions())
        {
            out.append(String.format("  %-12s %12d %20s %20s %18s %8d %12d %s%n",
                instrument(symbols, position.instrumentIndex()), position.positionLots(), cash(position.costCash()),
                cash(position.realizedCash()), cash(position.feesCash()), position.fills(), position.tag(),
                position.status()));
        }
        out.append(String.format("%nworking orders: %d%n", snapshot.orders().size()));
        if (!snapshot.orders().isEmpty())
        {
            out.append(String.format("  %4s %12s %-12s %-4s %-6s %10s %10s %10s %12s %-16s %12s %s%n", "slot",
                "clOrdId", "instrument", "side", "type", "qty", "leaves", "cum", "limit", "state", "input", "status"));
        }
        for (final StateSnapshot.WorkingOrder order : snapshot.orders())
        {
            out.append(String.format("  %4d %12d %-12s %-4s %-6s %10d %10d %10d %12d %-16s %12d %s%n", order.slot(),
                order.clOrdId(), instrument(symbols, order.instrumentIndex()), Side.name((byte)order.side()),
                OrderType.name((byte)order.type()), order.qtyLots(), order.leavesQtyLots(), order.cumQtyLots(),
                order.limitPriceTicks(), OrderState.name(order.state()) + (order.cancelRequested() ? "+cxl" : ""),
                order.tag(), order.status()));
        }
        out.append(String.format("%nrisk counters: %d not zero%n", snapshot.counters().size()));
        for (final StateSnapshot.Counter counter : snapshot.counters())
        {
            out.append(String.format("  %-12s %-24s %16d %12d %s%n", instrument(symbols, counter.instrumentIndex()),
                counterName(counter.counter()), counter.value(), counter.tag(), counter.status()));
        }
        return out.toString();
    }

    static String json(final StateSnapshot snapshot, final List<String> symbols) throws IOException
    {
        final Map<String, Object> root = new LinkedHashMap<>();
        final StateSnapshot.Trading trading = snapshot.tradingState();
        final Map<String, Object> tradingState = new LinkedHashMap<>();
        tradingState.put("state", TradingState.name(trading.state()));
        tradingState.put("origin", CommandOrigin.name(trading.origin()));
        tradingState.put("input", trading.tag());
        tradingState.put("status", trading.status());
        root.put("trading_state", tradingState);
        final List<Object> positions = new ArrayList<>();
        for (final StateSnapshot.Position position : snapshot.positions())
        {
            final Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("instrument", instrument(symbols, position.instrumentIndex()));
            entry.put("instrument_index", position.instrumentIndex());
            entry.put("position_lots", position.positionLots());
            entry.put("cost", cash(position.costCash()));
            entry.put("realized", cash(position.realizedCash()));
            entry.put("fees", cash(position.feesCash()));
            entry.put("fills", position.fills());
            entry.put("input", position.tag());
            entry.put("status", position.status());
            positions.add(entry);
        }
        root.put("positions", positions);
        final List<Object> orders = new ArrayList<>();
        for (final StateSnapshot.WorkingOrder order : snapshot.orders())
        {
            final Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("slot", order.slot());
            entry.put("cl_ord_id", order.clOrdId());
            entry.put("instrument", instrument(symbols, order.instrumentIndex()));
            entry.put("side", Side.name((byte)order.side()));
            entry.put("type", OrderType.name((byte)order.type()));
            entry.put("qty_lots", order.qtyLots());
            entry.put("leaves_lots", order.leavesQtyLots());
            entry.put("cum_lots", order.cumQtyLots());
            entry.put("limit_price_ticks", order.limitPriceTicks());
            entry.put("state", OrderState.name(order.state()));
            entry.put("cancel_requested", order.cancelRequested());
            entry.put("input", order.tag());
            entry.put("status", order.status());
            orders.add(entry);
        }
        root.put("working_orders", orders);
        final List<Object> counters = new ArrayList<>();
        for (final StateSnapshot.Counter counter : snapshot.counters())
        {
            final Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("instrument", instrument(symbols, counter.instrumentIndex()));
            entry.put("counter", counterName(counter.counter()));
            entry.put("counter_id", counter.counter());
            entry.put("value", counter.value());
            entry.put("input", counter.tag());
            entry.put("status", counter.status());
            counters.add(entry);
        }
        root.put("risk_counters", counters);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) +
            System.lineSeparator();
    }
}

package io.easyquant.ops.cli;

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
import io.easyquant.ops.json.JsonWriter;
import io.easyquant.ops.runtime.EngineRunner;
import io.easyquant.engine.risk.RiskCounter;
import picocli.CommandLine;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        System.out.print(json ? json(snapshot, symbols) : text(snapshot, symbols));
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
                instrument(symbols, position.instrumentIndex()), position.positionLots(),
                cash(position.costCash()).toPlainString(), cash(position.realizedCash()).toPlainString(),
                cash(position.feesCash()).toPlainString(), position.fills(), position.tag(),
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
                RiskCounter.name(counter.counter()), counter.value(), counter.tag(), counter.status()));
        }
        return out.toString();
    }

    static String json(final StateSnapshot snapshot, final List<String> symbols)
    {
        final StateSnapshot.Trading trading = snapshot.tradingState();
        final JsonWriter json = new JsonWriter().beginObject();
        json.name("trading_state").beginObject()
            .field("state", TradingState.name(trading.state()))
            .field("origin", CommandOrigin.name(trading.origin()))
            .field("input", trading.tag())
            .field("status", trading.status())
            .endObject();
        json.name("positions").beginArray();
        for (final StateSnapshot.Position position : snapshot.positions())
        {
            json.beginObject()
                .field("instrument", instrument(symbols, position.instrumentIndex()))
                .field("instrument_index", position.instrumentIndex())
                .field("position_lots", position.positionLots())
                .field("cost", cash(position.costCash()))
                .field("realized", cash(position.realizedCash()))
                .field("fees", cash(position.feesCash()))
                .field("fills", position.fills())
                .field("input", position.tag())
                .field("status", position.status())
                .endObject();
        }
        json.endArray();
        json.name("working_orders").beginArray();
        for (final StateSnapshot.WorkingOrder order : snapshot.orders())
        {
            json.beginObject()
                .field("slot", order.slot())
                .field("cl_ord_id", order.clOrdId())
                .field("instrument", instrument(symbols, order.instrumentIndex()))
                .field("side", Side.name((byte)order.side()))
                .field("type", OrderType.name((byte)order.type()))
                .field("qty_lots", order.qtyLots())
                .field("leaves_lots", order.leavesQtyLots())
                .field("cum_lots", order.cumQtyLots())
                .field("limit_price_ticks", order.limitPriceTicks())
                .field("state", OrderState.name(order.state()))
                .field("cancel_requested", order.cancelRequested())
                .field("input", order.tag())
                .field("status", order.status())
                .endObject();
        }
        json.endArray();
        json.name("risk_counters").beginArray();
        for (final StateSnapshot.Counter counter : snapshot.counters())
        {
            json.beginObject()
                .field("instrument", instrument(symbols, counter.instrumentIndex()))
                .field("counter", RiskCounter.name(counter.counter()))
                .field("counter_id", counter.counter())
                .field("value", counter.value())
                .field("input", counter.tag())
                .field("status", counter.status())
                .endObject();
        }
        return json.endArray().endObject().text();
    }
}

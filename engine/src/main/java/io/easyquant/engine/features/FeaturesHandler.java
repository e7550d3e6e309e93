package io.easyquant.engine.features;

import com.lmax.disruptor.EventHandler;
import io.easyquant.engine.pipeline.EngineEvent;
import io.easyquant.engine.pipeline.IngestReject;
import io.easyquant.journal.codec.BarCodec;
import io.easyquant.journal.codec.BookDepthCodec;
import io.easyquant.journal.codec.QuoteCodec;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.TradeCodec;

/**
 * The features stage. For each accepted event with an instrument:
 * <ul>
 *   <li>a TRADE, QUOTE or BAR record is decoded and applied to the {@link FeatureEngine}, and
 *       {@link EngineEvent#priceUpdated} is set;</li>
 *   <li>whatever the record (market data or an execution report), the instrument's current mark, bid, ask and
 *       features are written into the slot, so later stages read them from the slot alone.</li>
 * </ul>
 * An event rejected by ingest ({@link EngineEvent#ingestReject} not {@link IngestReject#NONE}) or without an
 * instrument ({@link EngineEvent#instrumentIndex} negative) is left untouched.
 *
 * <p>Does not allocate. Not thread-safe: run by one Disruptor processor, which owns the engine.
 */
public final class FeaturesHandler implements EventHandler<EngineEvent>
{
    private static final int TRADE = RecordType.TRADE.code();
    private static final int QUOTE = RecordType.QUOTE.code();
    private static final int BAR = RecordType.BAR.code();
    private static final int BOOK_DEPTH = RecordType.BOOK_DEPTH.code();

    private final FeatureEngine engine;
    private final TradeCodec trade = new TradeCodec();
    private final QuoteCodec quote = new QuoteCodec();
    private final BarCodec bar = new BarCodec();
    private final BookDepthCodec bookDepth = new BookDepthCodec();

    /**
     * @param engine the per-instrument state this stage updates; owned by this handler's thread from now on.
     */
    public FeaturesHandler(final FeatureEngine engine)
    {
        this.engine = engine;
    }

    /**
     * @return the engine this stage updates, for inspection once the stage has stopped.
     */
    public FeatureEngine engine()
    {
        return engine;
    }

    @Override
    public void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch)
    {
        final int index = event.instrumentIndex;
        if (event.ingestReject != IngestReject.NONE || index < 0)
        {
            return;
        }

        final int templateId = event.templateId;
        if (templateId == QUOTE)
        {
            quote.wrap(event.record, 0);
            engine.onQuote(index, quote.bidTicks(), quote.bidLots(), quote.askTicks(), quote.askLots());
            event.priceUpdated = true;
        }
        else if (templateId == TRADE)
        {
            trade.wrap(event.record, 0);
            engine.onTrade(index, trade.priceTicks(), trade.qtyLots());
            event.priceUpdated = true;
        }
        else if (templateId == BAR)
        {
            bar.wrap(event.record, 0);
            engine.onBar(
                index, bar.openTicks(), bar.highTicks(), bar.lowTicks(), bar.closeTicks(), bar.volumeLots());
            event.priceUpdated = true;
        }
        else if (templateId == BOOK_DEPTH)
        {
            bookDepth.wrap(event.record, 0);
            engine.onBookDepth(index, bookDepth.bidDepthLots(), bookDepth.askDepthLots());
        }
        engine.snapshot(index, event);
    }
}

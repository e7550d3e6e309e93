package io.easyquant.journal.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The event schema as a table for tests: for every record type, how to make its codec and, for each body field,
 * the offset and width its javadoc declares and how to write and read it through the codec. Tests that walk the
 * table cover every type and every field; {@code RecordTypeTest} checks that the table lists every
 * {@link RecordType}, so a new type cannot be left out.
 *
 * <p>Written by hand from the codecs' layout drawings on purpose: a test that derived the table from the codec
 * constants would agree with any mistake in them.
 */
final class CodecSchema
{
    static final byte NUMBER_FILL = (byte)0xFF;
    static final byte TEXT_FILL = 0x7F;

    private static final long[] I8_EXTREMES = { Byte.MIN_VALUE, Byte.MAX_VALUE, 0, -1, 1 };
    private static final long[] I32_EXTREMES = { Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, 1 };
    private static final long[] I64_EXTREMES = { Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1 };
    private static final long[] F64_EXTREMES =
    {
        Double.doubleToRawLongBits(Double.NaN),
        0x7FF8_0000_0000_0001L,
        Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
        Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
        Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(0.0),
        Double.doubleToRawLongBits(Double.MIN_VALUE),
        Double.doubleToRawLongBits(Double.MAX_VALUE),
        Double.doubleToRawLongBits(-Double.MAX_VALUE),
    };

    private CodecSchema()
    {
    }

    /**
     * @return one entry per record type, in {@link RecordType} order.
     */
    static List<CodecCase<? extends Flyweight>> all()
    {
        final List<CodecCase<? extends Flyweight>> cases = new ArrayList<>();

        cases.add(new Builder<TradeCodec>(TradeCodec::new, 64)
            .i32("instrumentId", 24, TradeCodec::instrumentId, TradeCodec::instrumentId)
            .i8("aggressorSide", 28, TradeCodec::aggressorSide, TradeCodec::aggressorSide)
            .i64("sourceTimeNs", 32, TradeCodec::sourceTimeNs, TradeCodec::sourceTimeNs)
            .i64("priceTicks", 40, TradeCodec::priceTicks, TradeCodec::priceTicks)
            .i64("qtyLots", 48, TradeCodec::qtyLots, TradeCodec::qtyLots)
            .i64("tradeId", 56, TradeCodec::tradeId, TradeCodec::tradeId)
            .build());

        cases.add(new Builder<QuoteCodec>(QuoteCodec::new, 72)
            .i32("instrumentId", 24, QuoteCodec::instrumentId, QuoteCodec::instrumentId)
            .i64("sourceTimeNs", 32, QuoteCodec::sourceTimeNs, QuoteCodec::sourceTimeNs)
            .i64("bidTicks", 40, QuoteCodec::bidTicks, QuoteCodec::bidTicks)
            .i64("bidLots", 48, QuoteCodec::bidLots, QuoteCodec::bidLots)
            .i64("askTicks", 56, QuoteCodec::askTicks, QuoteCodec::askTicks)
            .i64("askLots", 64, QuoteCodec::askLots, QuoteCodec::askLots)
            .build());

        cases.add(new Builder<BarCodec>(BarCodec::new, 80)
            .i32("instrumentId", 24, BarCodec::instrumentId, BarCodec::instrumentId)
            .i32("durationMs", 28, BarCodec::durationMs, BarCodec::durationMs)
            .i64("sourceTimeNs", 32, BarCodec::sourceTimeNs, BarCodec::sourceTimeNs)
            .i64("openTicks", 40, BarCodec::openTicks, BarCodec::openTicks)
            .i64("highTicks", 48, BarCodec::highTicks, BarCodec::highTicks)
            .i64("lowTicks", 56, BarCodec::lowTicks, BarCodec::lowTicks)
            .i64("closeTicks", 64, BarCodec::closeTicks, BarCodec::closeTicks)
            .i64("volumeLots", 72, BarCodec::volumeLots, BarCodec::volumeLots)
            .build());

        cases.add(new Builder<SignalCodec>(SignalCodec::new, 56)
            .i32("instrumentId", 24, SignalCodec::instrumentId, SignalCodec::instrumentId)
            .i32("strategyId", 28, SignalCodec::strategyId, SignalCodec::strategyId)
            .i64("causeSequence", 32, SignalCodec::causeSequence, SignalCodec::causeSequence)
            .i64("targetLots", 40, SignalCodec::targetLots, SignalCodec::targetLots)
            .f64("score", 48, SignalCodec::score, SignalCodec::score)
            .build());

        cases.add(new Builder<OrderIntentCodec>(OrderIntentCodec::new, 72)
            .i32("instrumentId", 24, OrderIntentCodec::instrumentId, OrderIntentCodec::instrumentId)
            .i8("side", 28, OrderIntentCodec::side, OrderIntentCodec::side)
            .i8("orderType", 29, OrderIntentCodec::orderType, OrderIntentCodec::orderType)
            .i64("intentId", 32, OrderIntentCodec::intentId, OrderIntentCodec::intentId)
            .i64("causeSequence", 40, OrderIntentCodec::causeSequence, OrderIntentCodec::causeSequence)
            .i64("qtyLots", 48, OrderIntentCodec::qtyLots, OrderIntentCodec::qtyLots)
            .i64("limitPriceTicks", 56, OrderIntentCodec::limitPriceTicks, OrderIntentCodec::limitPriceTicks)
            .i64("targetLots", 64, OrderIntentCodec::targetLots, OrderIntentCodec::targetLots)
            .build());

        cases.add(new Builder<RiskDecisionCodec>(RiskDecisionCodec::new, 64)
            .i32("instrumentId", 24, RiskDecisionCodec::instrumentId, RiskDecisionCodec::instrumentId)
            .i32("reasonCode", 28, RiskDecisionCodec::reasonCode, RiskDecisionCodec::reasonCode)
            .i64("intentId", 32, RiskDecisionCodec::intentId, RiskDecisionCodec::intentId)
            .i64("causeSequence", 40, RiskDecisionCodec::causeSequence, RiskDecisionCodec::causeSequence)
            .i64("observed", 48, RiskDecisionCodec::observed, RiskDecisionCodec::observed)
            .i64("limit", 56, RiskDecisionCodec::limit, RiskDecisionCodec::limit)
            .build());

        cases.add(new Builder<OrderCodec>(OrderCodec::new, 72)
            .i32("instrumentId", 24, OrderCodec::instrumentId, OrderCodec::instrumentId)
            .i8("side", 28, OrderCodec::side, OrderCodec::side)
            .i8("orderType", 29, OrderCodec::orderType, OrderCodec::orderType)
            .i64("clOrdId", 32, OrderCodec::clOrdId, OrderCodec::clOrdId)
            .i64("intentId", 40, OrderCodec::intentId, OrderCodec::intentId)
            .i64("qtyLots", 48, OrderCodec::qtyLots, OrderCodec::qtyLots)
            .i64("limitPriceTicks", 56, OrderCodec::limitPriceTicks, OrderCodec::limitPriceTicks)
            .i64("causeSequence", 64, OrderCodec::causeSequence, OrderCodec::causeSequence)
            .build());

        cases.add(new Builder<CancelCodec>(CancelCodec::new, 56)
            .i32("instrumentId", 24, CancelCodec::instrumentId, CancelCodec::instrumentId)
            .i32("reasonCode", 28, CancelCodec::reasonCode, CancelCodec::reasonCode)
            .i64("clOrdId", 32, CancelCodec::clOrdId, CancelCodec::clOrdId)
            .i64("causeSequence", 40, CancelCodec::causeSequence, CancelCodec::causeSequence)
            .i64("leavesQtyLots", 48, CancelCodec::leavesQtyLots, CancelCodec::leavesQtyLots)
            .build());

        cases.add(new Builder<TradingStateChangeCodec>(TradingStateChangeCodec::new, 72)
            .i32("previousState", 24, TradingStateChangeCodec::previousState, TradingStateChangeCodec::previousState)
            .i32("newState", 28, TradingStateChangeCodec::newState, TradingStateChangeCodec::newState)
            .i32("origin", 32, TradingStateChangeCodec::origin, TradingStateChangeCodec::origin)
            .i32("ruleCode", 36, TradingStateChangeCodec::ruleCode, TradingStateChangeCodec::ruleCode)
            .i32("command", 40, TradingStateChangeCodec::command, TradingStateChangeCodec::command)
            .i64("causeSequence", 48, TradingStateChangeCodec::causeSequence, TradingStateChangeCodec::causeSequence)
            .i64("observed", 56, TradingStateChangeCodec::observed, TradingStateChangeCodec::observed)
            .i64("limit", 64, TradingStateChangeCodec::limit, TradingStateChangeCodec::limit)
            .build());

        cases.add(new Builder<ExecutionReportCodec>(ExecutionReportCodec::new, 104)
            .i32("instrumentId", 24, ExecutionReportCodec::instrumentId, ExecutionReportCodec::instrumentId)
            .i8("execType", 28, ExecutionReportCodec::execType, ExecutionReportCodec::execType)
            .i8("side", 29, ExecutionReportCodec::side, ExecutionReportCodec::side)
            .i64("clOrdId", 32, ExecutionReportCodec::clOrdId, ExecutionReportCodec::clOrdId)
            .i64("execId", 40, ExecutionReportCodec::execId, ExecutionReportCodec::execId)
            .i64("lastQtyLots", 48, ExecutionReportCodec::lastQtyLots, ExecutionReportCodec::lastQtyLots)
            .i64("lastPriceTicks", 56, ExecutionReportCodec::lastPriceTicks, ExecutionReportCodec::lastPriceTicks)
            .i64("leavesQtyLots", 64, ExecutionReportCodec::leavesQtyLots, ExecutionReportCodec::leavesQtyLots)
            .i64("cumQtyLots", 72, ExecutionReportCodec::cumQtyLots, ExecutionReportCodec::cumQtyLots)
            .i64("feeCash", 80, ExecutionReportCodec::feeCash, ExecutionReportCodec::feeCash)
            .i64("venueTimeNs", 88, ExecutionReportCodec::venueTimeNs, ExecutionReportCodec::venueTimeNs)
            .i32("rejectReason", 96, ExecutionReportCodec::rejectReason, ExecutionReportCodec::rejectReason)
            .build());

        cases.add(new Builder<AdminCommandCodec>(AdminCommandCodec::new, 184)
            .i32("command", 24, AdminCommandCodec::command, AdminCommandCodec::command)
            .i32("argument", 28, AdminCommandCodec::argument, AdminCommandCodec::argument)
            .i32("origin", 32, AdminCommandCodec::origin, AdminCommandCodec::origin)
            .ascii("principal", 40, 24, AdminCommandCodec::principal, AdminCommandCodec::principal)
            .ascii("reason", 64, 80, AdminCommandCodec::reason, AdminCommandCodec::reason)
            .ascii("remoteAddress", 144, 40, AdminCommandCodec::remoteAddress, AdminCommandCodec::remoteAddress)
            .build());

        cases.add(new Builder<TimerTickCodec>(TimerTickCodec::new, 40)
            .i32("timerId", 24, TimerTickCodec::timerId, TimerTickCodec::timerId)
            .i64("scheduledTimeNs", 32, TimerTickCodec::scheduledTimeNs, TimerTickCodec::scheduledTimeNs)
            .build());

        cases.add(new Builder<BookStateCodec>(BookStateCodec::new, 56)
            .i32("instrumentId", 24, BookStateCodec::instrumentId, BookStateCodec::instrumentId)
            .i32("state", 28, BookStateCodec::state, BookStateCodec::state)
            .i32("reason", 32, BookStateCodec::reason, BookStateCodec::reason)
            .i64("sourceTimeNs", 40, BookStateCodec::sourceTimeNs, BookStateCodec::sourceTimeNs)
            .i64("lastUpdateId", 48, BookStateCodec::lastUpdateId, BookStateCodec::lastUpdateId)
            .build());

        cases.add(new Builder<BookDepthCodec>(BookDepthCodec::new, 56)
            .i32("instrumentId", 24, BookDepthCodec::instrumentId, BookDepthCodec::instrumentId)
            .i32("levels", 28, BookDepthCodec::levels, BookDepthCodec::levels)
            .i64("sourceTimeNs", 32, BookDepthCodec::sourceTimeNs, BookDepthCodec::sourceTimeNs)
            .i64("bidDepthLots", 40, BookDepthCodec::bidDepthLots, BookDepthCodec::bidDepthLots)
            .i64("askDepthLots", 48, BookDepthCodec::askDepthLots, BookDepthCodec::askDepthLots)
            .build());

        cases.add(new Builder<MarketDataDroppedCodec>(MarketDataDroppedCodec::new, 88)
            .i32("reason", 24, MarketDataDroppedCodec::reason, MarketDataDroppedCodec::reason)
            .i64("trades", 32, MarketDataDroppedCodec::trades, MarketDataDroppedCodec::trades)
            .i64("quotes", 40, MarketDataDroppedCodec::quotes, MarketDataDroppedCodec::quotes)
            .i64("bars", 48, MarketDataDroppedCodec::bars, MarketDataDroppedCodec::bars)
            .i64("firstSourceTimeNs", 56, MarketDataDroppedCodec::firstSourceTimeNs,
                MarketDataDroppedCodec::firstSourceTimeNs)
            .i64("lastSourceTimeNs", 64, MarketDataDroppedCodec::lastSourceTimeNs,
                MarketDataDroppedCodec::lastSourceTimeNs)
            .i64("firstTimeNs", 72, MarketDataDroppedCodec::firstTimeNs, MarketDataDroppedCodec::firstTimeNs)
            .i64("lastTimeNs", 80, MarketDataDroppedCodec::lastTimeNs, MarketDataDroppedCodec::lastTimeNs)
            .build());

        cases.add(new Builder<SequenceSkipCodec>(SequenceSkipCodec::new, 64)
            .i8("reason", 24, SequenceSkipCodec::reason, SequenceSkipCodec::reason)
            .i64("nextSequence", 32, SequenceSkipCodec::nextSequence, SequenceSkipCodec::nextSequence)
            .i64("nextIntentIdAtLeast", 40, SequenceSkipCodec::nextIntentIdAtLeast,
                SequenceSkipCodec::nextIntentIdAtLeast)
            .i64("skippedInputs", 48, SequenceSkipCodec::skippedInputs, SequenceSkipCodec::skippedInputs)
            .i64("skippedMarketData", 56, SequenceSkipCodec::skippedMarketData,
                SequenceSkipCodec::skippedMarketData)
            .build());

        return cases;
    }

    /**
     * One record type: a factory for fresh codecs, the total length its layout drawing gives, and its body fields.
     */
    record CodecCase<T extends Flyweight>(Supplier<T> factory, int length, List<Field<T>> fields)
    {
        RecordType type()
        {
            return factory.get().type();
        }

        T newCodec()
        {
            return factory.get();
        }
    }

    /**
     * One body field. "Filling" a field sets every bit it can hold: all ones for numbers (a NaN for doubles), the
     * widest run of DEL (0x7F) characters for ASCII text.
     */
    abstract static class Field<T extends Flyweight>
    {
        final String name;
        final int offset;
        final int width;

        Field(final String name, final int offset, final int width)
        {
            this.name = name;
            this.offset = offset;
            this.width = width;
        }

        abstract void fill(T codec);

        abstract boolean isFilled(T codec);

        abstract boolean isZero(T codec);

        /**
         * @return the byte every one of the field's bytes holds once filled.
         */
        abstract byte fillByte();

        @Override
        public String toString()
        {
            return name + "@" + offset;
        }
    }

    /**
     * A numeric field, written and read as raw bits in a long: sign-extended for integers, the raw IEEE 754 bits
     * for doubles, so NaN and -0.0 compare exactly.
     */
    static final class NumberField<T extends Flyweight> extends Field<T>
    {
        final long[] extremes;
        private final ObjLongConsumer<T> write;
        private final ToLongFunction<T> read;

        NumberField(
            final String name,
            final int offset,
            final int width,
            final long[] extremes,
            final ObjLongConsumer<T> write,
            final ToLongFunction<T> read)
        {
            super(name, offset, width);
            this.extremes = extremes;
            this.write = write;
            this.read = read;
        }

        void write(final T codec, final long bits)
        {
            write.accept(codec, bits);
        }

        long read(final T codec)
        {
            return read.applyAsLong(codec);
        }

        @Override
        void fill(final T codec)
        {
            write(codec, -1L);
        }

        @Override
        boolean isFilled(final T codec)
        {
            return read(codec) == -1L;
        }

        @Override
        boolean isZero(final T codec)
        {
            return read(codec) == 0L;
        }

        @Override
        byte fillByte()
        {
            return NUMBER_FILL;
        }
    }

    /**
     * A fixed-width ASCII field.
     */
    static final class TextField<T extends Flyweight> extends Field<T>
    {
        private final BiConsumer<T, CharSequence> write;
        private final Function<T, String> read;

        TextField(
            final String name,
            final int offset,
            final int width,
            final BiConsumer<T, CharSequence> write,
            final Function<T, String> read)
        {
            super(name, offset, width);
            this.write = write;
            this.read = read;
        }

        void write(final T codec, final CharSequence value)
        {
            write.accept(codec, value);
        }

        String read(final T codec)
        {
            return read.apply(codec);
        }

        @Override
        void fill(final T codec)
        {
            write(codec, filledText());
        }

        @Override
        boolean isFilled(final T codec)
        {
            return read(codec).equals(filledText());
        }

        @Override
        boolean isZero(final T codec)
        {
            return read(codec).isEmpty();
        }

        @Override
        byte fillByte()
        {
            return TEXT_FILL;
        }

        private String filledText()
        {
            return String.valueOf((char)TEXT_FILL).repeat(width);
        }
    }

    interface ByteWriter<T>
    {
        void write(T codec, byte value);
    }

    interface ByteReader<T>
    {
        byte read(T codec);
    }

    private static final class Builder<T extends Flyweight>
    {
        private final Supplier<T> factory;
        private final int length;
        private final List<Field<T>> fields = new ArrayList<>();

        Builder(final Supplier<T> factory, final int length)
        {
            this.factory = factory;
            this.length = length;
        }

        Builder<T> i8(final String name, final int offset, final ByteWriter<T> write, final ByteReader<T> read)
        {
            fields.add(new NumberField<>(
                name, offset, Byte.BYTES, I8_EXTREMES, (c, v) -> write.write(c, (byte)v), read::read));
            return this;
        }

        Builder<T> i32(final String name, final int offset, final ObjIntConsumer<T> write, final ToIntFunction<T> read)
        {
            fields.add(new NumberField<>(
                name, offset, Integer.BYTES, I32_EXTREMES, (c, v) -> write.accept(c, (int)v), read::applyAsInt));
            return this;
        }

        Builder<T> i64(
            final String name, final int offset, final ObjLongConsumer<T> write, final ToLongFunction<T> read)
        {
            fields.add(new NumberField<>(name, offset, Long.BYTES, I64_EXTREMES, write, read));
            return this;
        }

        Builder<T> f64(
            final String name, final int offset, final ObjDoubleConsumer<T> write, final ToDoubleFunction<T> read)
        {
            fields.add(new NumberField<>(
                name,
                offset,
                Double.BYTES,
                F64_EXTREMES,
                (c, v) -> write.accept(c, Double.longBitsToDouble(v)),
                c -> Double.doubleToRawLongBits(read.applyAsDouble(c))));
            return this;
        }

        Builder<T> ascii(
            final String name,
            final int offset,
            final int width,
            final BiConsumer<T, CharSequence> write,
            final Function<T, String> read)
        {
            fields.add(new TextField<>(name, offset, width, write, read));
            return this;
        }

        CodecCase<T> build()
        {
            return new CodecCase<>(factory, length, List.copyOf(fields));
        }
    }
}

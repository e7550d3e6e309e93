package io.easyquant.ops.backtest;

import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.engine.portfolio.PositionBook;
import io.easyquant.journal.RecordSink;
import io.easyquant.journal.codec.ExecType;
import io.easyquant.journal.codec.ExecutionReportCodec;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.Side;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Watches the inputs a simulation ingests and hands every fill the venue reported to the {@link BacktestRecorder}, with
 * the realized PnL it made, computed by a {@link PositionBook} fed the same fills in the same order as the engine's.
 * Forwards every record to the next sink (the journal) unchanged.
 */
final class FillTap implements RecordSink
{
    private final RecordSink next;
    private final Instruments instruments;
    private final BacktestRecorder recorder;
    private final PositionBook positions;
    private final ExecutionReportCodec report = new ExecutionReportCodec();
    private final UnsafeBuffer copy = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);

    FillTap(final RecordSink next, final Instruments instruments, final BacktestRecorder recorder)
    {
        this.next = next;
        this.instruments = instruments;
        this.recorder = recorder;
        this.positions = new PositionBook(instruments);
    }

    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        next.append(buffer, offset, length);
        if (length != RecordType.EXECUTION_REPORT.length() ||
            RecordHeader.templateId(buffer, offset) != RecordType.EXECUTION_REPORT.code())
        {
            return;
        }
        copy.putBytes(0, buffer, offset, length);
        report.wrap(copy, 0);
        final byte execType = report.execType();
        final int index = instruments.indexOf(report.instrumentId());
        if (!ExecType.isFill(execType) || index < 0 || report.lastQtyLots() <= 0 || report.lastPriceTicks() <= 0)
        {
            return;
        }
        final Instrument instrument = instruments.at(index);
        final long realizedBefore = positions.realizedCash(index);
        positions.applyFill(index, report.side(), report.lastQtyLots(), report.lastPriceTicks(), report.feeCash());
        recorder.onFill(
            RecordHeader.timeNs(copy, 0),
            instrument.symbol(),
            report.side() == Side.BUY,
            instrument.lotsToQty(report.lastQtyLots()),
            instrument.ticksToPrice(report.lastPriceTicks()),
            Instrument.cashToDecimal(report.feeCash()),
            report.clOrdId(),
            report.execId(),
            Instrument.cashToDecimal(positions.realizedCash(index) - realizedBefore));
    }
}

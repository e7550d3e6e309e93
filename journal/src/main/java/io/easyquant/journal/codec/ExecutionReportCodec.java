package io.easyquant.journal.codec;

/**
 * A report from the venue on one order: ack, fill, cancel, reject or expiry.
 *
 * <pre>
 *  offset field (type, width); the header fills 0..23, gaps are zero padding
 *    24  instrumentId (i32, 4 bytes)
 *    28  execType (i8, 1 byte)
 *    29  side (i8, 1 byte)
 *    32  clOrdId (i64, 8 bytes)
 *    40  execId (i64, 8 bytes)
 *    48  lastQtyLots (i64, 8 bytes)
 *    56  lastPriceTicks (i64, 8 bytes)
 *    64  leavesQtyLots (i64, 8 bytes)
 *    72  cumQtyLots (i64, 8 bytes)
 *    80  feeCash (i64, 8 bytes)
 *    88  venueTimeNs (i64, 8 bytes)
 *    96  rejectReason (i32, 4 bytes)
 *   104  end
 * </pre>
 *
 * {@code execType} is an {@link ExecType}. {@code execId} is the venue's execution id, unique per report, so a
 * repeated report can be recognised. Fills carry {@code lastQtyLots} at {@code lastPriceTicks}; {@code feeCash} is
 * the fee charged for this report in cash units (1e-8 of the quote currency).
 */
public final class ExecutionReportCodec extends Flyweight
{
    public static final int INSTRUMENT_ID_OFFSET = 24;
    public static final int EXEC_TYPE_OFFSET = 28;
    public static final int SIDE_OFFSET = 29;
    public static final int CL_ORD_ID_OFFSET = 32;
    public static final int EXEC_ID_OFFSET = 40;
    public static final int LAST_QTY_LOTS_OFFSET = 48;
    public static final int LAST_PRICE_TICKS_OFFSET = 56;
    public static final int LEAVES_QTY_LOTS_OFFSET = 64;
    public static final int CUM_QTY_LOTS_OFFSET = 72;
    public static final int FEE_CASH_OFFSET = 80;
    public static final int VENUE_TIME_NS_OFFSET = 88;
    public static final int REJECT_REASON_OFFSET = 96;
    public static final int LENGTH = 104;

    @Override
    public RecordType type()
    {
        return RecordType.EXECUTION_REPORT;
    }

    public int instrumentId()
    {
        return getInt(INSTRUMENT_ID_OFFSET);
    }

    public ExecutionReportCodec instrumentId(final int value)
    {
        putInt(INSTRUMENT_ID_OFFSET, value);
        return this;
    }

    public byte execType()
    {
        return getByte(EXEC_TYPE_OFFSET);
    }

    public ExecutionReportCodec execType(final byte value)
    {
        putByte(EXEC_TYPE_OFFSET, value);
        return this;
    }

    public byte side()
    {
        return getByte(SIDE_OFFSET);
    }

    public ExecutionReportCodec side(final byte value)
    {
        putByte(SIDE_OFFSET, value);
        return this;
    }

    public long clOrdId()
    {
        return getLong(CL_ORD_ID_OFFSET);
    }

    public ExecutionReportCodec clOrdId(final long value)
    {
        putLong(CL_ORD_ID_OFFSET, value);
        return this;
    }

    public long execId()
    {
        return getLong(EXEC_ID_OFFSET);
    }

    public ExecutionReportCodec execId(final long value)
    {
        putLong(EXEC_ID_OFFSET, value);
        return this;
    }

    public long lastQtyLots()
    {
        return getLong(LAST_QTY_LOTS_OFFSET);
    }

    public ExecutionReportCodec lastQtyLots(final long value)
    {
        putLong(LAST_QTY_LOTS_OFFSET, value);
        return this;
    }

    public long lastPriceTicks()
    {
        return getLong(LAST_PRICE_TICKS_OFFSET);
    }

    public ExecutionReportCodec lastPriceTicks(final long value)
    {
        putLong(LAST_PRICE_TICKS_OFFSET, value);
        return this;
    }

    public long leavesQtyLots()
    {
        return getLong(LEAVES_QTY_LOTS_OFFSET);
    }

    public ExecutionReportCodec leavesQtyLots(final long value)
    {
        putLong(LEAVES_QTY_LOTS_OFFSET, value);
        return this;
    }

    public long cumQtyLots()
    {
        return getLong(CUM_QTY_LOTS_OFFSET);
    }

    public ExecutionReportCodec cumQtyLots(final long value)
    {
        putLong(CUM_QTY_LOTS_OFFSET, value);
        return this;
    }

    public long feeCash()
    {
        return getLong(FEE_CASH_OFFSET);
    }

    public ExecutionReportCodec feeCash(final long value)
    {
        putLong(FEE_CASH_OFFSET, value);
        return this;
    }

    public long venueTimeNs()
    {
        return getLong(VENUE_TIME_NS_OFFSET);
    }

    public ExecutionReportCodec venueTimeNs(final long value)
    {
        putLong(VENUE_TIME_NS_OFFSET, value);
        return this;
    }

    public int rejectReason()
    {
        return getInt(REJECT_REASON_OFFSET);
    }

    public ExecutionReportCodec rejectReason(final int value)
    {
        putInt(REJECT_REASON_OFFSET, value);
        return this;
    }
}

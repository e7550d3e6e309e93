package io.easyquant.engine.portfolio;

import io.easyquant.engine.instrument.Instrument;
import io.easyquant.engine.instrument.Instruments;
import io.easyquant.journal.codec.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionBookTest
{
    /** Tick 0.01 USD, lot 0.0001 BTC: one tick-lot is 0.000001 USD = 100 cash units. */
    private static final Instrument BTC =
        new Instrument(1, "BTCUSD", new BigDecimal("0.01"), new BigDecimal("0.0001"), "USD");
    /** Tick 0.01 USD, lot 1 share: one tick-lot is 0.01 USD = 1_000_000 cash units. */
    private static final Instrument AAPL = new Instrument(2, "AAPL", new BigDecimal("0.01"), BigDecimal.ONE, "USD");
    private static final int B = 0;
    private static final int A = 1;

    private final PositionBook book = new PositionBook(new Instruments(List.of(BTC, AAPL)));

    @Test
    void shouldDeriveCashPerTickLotFromTickAndLot()
    {
        assertEquals(100, BTC.cashPerTickLot());
        assertEquals(1_000_000, AAPL.cashPerTickLot());
        assertEquals(2, book.count());
    }

    @Test
    void shouldBeExactForFillsAtTheInstrumentBounds()
    {
        final long maxTicks = BTC.maxPriceTicks();
        final long maxLots = BTC.maxQtyLots();
        assertEquals(Instrument.MAX_NOTIONAL_CASH, maxTicks * maxLots * BTC.cashPerTickLot());

        book.applyFill(B, Side.BUY, maxLots, maxTicks, 7);
        book.mark(B, maxTicks);
        assertEquals(maxLots, book.positionLots(B));
        assertEquals(Instrument.MAX_NOTIONAL_CASH, book.costCash(B));
        assertEquals(0, book.unrealizedCash(B));
        assertEquals(Instrument.MAX_NOTIONAL_CASH, book.exposureCash(B));

        book.applyFill(B, Side.SELL, maxLots - 1, maxTicks - 1, 0);
        assertEquals(1, book.positionLots(B));
        assertEquals(maxTicks * BTC.cashPerTickLot(), book.costCash(B));
        assertEquals(-(maxLots - 1) * BTC.cashPerTickLot(), book.realizedCash(B), "one tick lost on each lot sold");
        book.applyFill(B, Side.SELL, maxLots, maxTicks, 0);
        assertEquals(-(maxLots - 1), book.positionLots(B), "crossed zero: short at the fill price");
        assertEquals(-(maxLots - 1) * maxTicks * BTC.cashPerTickLot(), book.costCash(B));
        assertEquals(-(maxLots - 1) * BTC.cashPerTickLot(), book.realizedCash(B));
        assertEquals(book.realizedCash(B) + book.unrealizedCash(B) - 7, book.netPnlCash(B));
    }

    @Test
    void shouldThrowOnOverflowAndLeaveTheBookUnchanged()
    {
        final long maxTicks = BTC.maxPriceTicks();
        final long maxLots = BTC.maxQtyLots();
        for (int i = 0; i < 9; i++)
        {
            book.applyFill(B, Side.BUY, maxLots, maxTicks, 1);
        }
        book.mark(B, maxTicks);
        final long position = book.positionLots(B);
        final long cost = book.costCash(B);
        assertEquals(9 * Instrument.MAX_NOTIONAL_CASH, cost);

        assertThrows(ArithmeticException.class, () -> book.applyFill(B, Side.BUY, maxLots, maxTicks, 1),
            "a tenth 1e18 would pass 9.2e18");
        assertEquals(position, book.positionLots(B));
        assertEquals(cost, book.costCash(B));
        assertEquals(9, book.fills(B));
        assertEquals(9, book.feesCash(B));
        assertEquals(9 * maxLots, book.boughtLots(B));

        book.mark(B, 2 * maxTicks);
        assertThrows(ArithmeticException.class, () -> book.unrealizedCash(B), "1.8e19 at the mark");
        assertThrows(ArithmeticException.class, () -> book.exposureCash(B));
        assertThrows(ArithmeticException.class, () -> book.applyFill(B, Side.BUY, 1, 1, Long.MAX_VALUE));
        assertEquals(9, book.feesCash(B), "the fee that would wrap was not added");
    }

    @Test
    void shouldContinueFromRestoredFiguresAsFromTheBookTheyCameFrom()
    {
        final SplittableRandom random = new SplittableRandom(11);
        PositionBook restored = null;
        for (int step = 0; step < 2_000; step++)
        {
            if (step % 97 == 0)
            {
                // A fresh book holding only what restore writes, then carrying on with the same fills.
                restored = new PositionBook(new Instruments(List.of(BTC, AAPL)));
                for (int i = 0; i < book.count(); i++)
                {
                    restored.restore(i, book.positionLots(i), book.costCash(i), book.realizedCash(i),
                        book.feesCash(i), book.markTicks(i), book.boughtLots(i), book.soldLots(i), book.fills(i));
                }
            }
            final int index = random.nextInt(2);
            final byte side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final long qty = 1 + random.nextInt(50);
            final long price = 1_000 + random.nextInt(500);
            final long fee = random.nextInt(100);
            book.applyFill(index, side, qty, price, fee);
            restored.applyFill(index, side, qty, price, fee);
            book.mark(index, price + 3);
            restored.mark(index, price + 3);
            for (int i = 0; i < book.count(); i++)
            {
                assertEquals(book.positionLots(i), restored.positionLots(i));
                assertEquals(book.costCash(i), restored.costCash(i));
                assertEquals(book.realizedCash(i), restored.realizedCash(i));
                assertEquals(book.feesCash(i), restored.feesCash(i));
                assertEquals(book.unrealizedCash(i), restored.unrealizedCash(i));
                assertEquals(book.boughtLots(i), restored.boughtLots(i));
                assertEquals(book.soldLots(i), restored.soldLots(i));
                assertEquals(book.fills(i), restored.fills(i));
            }
        }
        restored.restore(B, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals(0, restored.positionLots(B));
        assertEquals(0, restored.fills(B));
        assertMoney("0", restored.netPnlCash(B));
    }

    @Test
    void shouldOpenLongAtTheFillPrice()
    {
        buy(BTC, B, "0.5", "50000.00", "1.25");

        assertEquals(5_000, book.positionLots(B));
        assertMoney("25000", book.costCash(B));
        assertMoney("0", book.realizedCash(B));
        assertMoney("1.25", book.feesCash(B));
        assertEquals(5_000_000.0, book.averagePriceTicks(B));
        assertEquals(5_000, book.boughtLots(B));
        assertEquals(0, book.soldLots(B));
        assertEquals(1, book.fills(B));
    }

    @Test
    void shouldReportZeroUnrealizedAndExposureBeforeTheFirstMark()
    {
        buy(BTC, B, "0.5", "50000.00", "1.25");

        assertEquals(0, book.markTicks(B));
        assertMoney("0", book.unrealizedCash(B));
        assertMoney("0", book.exposureCash(B));
        assertMoney("-1.25", book.netPnlCash(B));

        book.mark(B, ticks(BTC, "51000.00"));

        assertMoney("500", book.unrealizedCash(B));
        assertMoney("25500", book.exposureCash(B));
        assertMoney("498.75", book.netPnlCash(B));
    }

    @Test
    void shouldAverageTheCostWhenAddingToLong()
    {
        buy(BTC, B, "0.5", "50000.00", "1.25");
        buy(BTC, B, "0.25", "52000.00", "0.65");

        assertEquals(7_500, book.positionLots(B));
        assertMoney("38000", book.costCash(B));
        assertMoney("0", book.realizedCash(B));
        assertMoney("1.90", book.feesCash(B));
        // 38000 / 0.75 = 50666.666... USD = 5066666.666... ticks
        assertEquals(5_066_666.666_666_67, book.averagePriceTicks(B), 1e-6);

        book.mark(B, ticks(BTC, "51000.00"));
        // 0.75 * 51000 - 38000 = 250
        assertMoney("250", book.unrealizedCash(B));
        assertMoney("248.10", book.netPnlCash(B));
    }

    @Test
    void shouldRealizeProportionalCostOnPartialCloseThenAllOfItOnFullClose()
    {
        buy(BTC, B, "0.5", "50000.00", "1.25");
        buy(BTC, B, "0.25", "52000.00", "0.65");

        sell(BTC, B, "0.3", "53000.00", "0.80");

        // removed cost 38000 * 0.3 / 0.75 = 15200; close value 0.3 * 53000 = 15900
        assertEquals(4_500, book.positionLots(B));
        assertMoney("22800", book.costCash(B));
        assertMoney("700", book.realizedCash(B));
        assertMoney("2.70", book.feesCash(B));
        assertEquals(5_066_666.666_666_67, book.averagePriceTicks(B), 1e-6, "a close leaves the average unchanged");

        sell(BTC, B, "0.45", "49000.00", "1.10");

        // close value 0.45 * 49000 = 22050, removes the whole 22800
        assertEquals(0, book.positionLots(B));
        assertMoney("0", book.costCash(B));
        assertMoney("-50", book.realizedCash(B));
        assertMoney("3.80", book.feesCash(B));
        assertEquals(0.0, book.averagePriceTicks(B));
        book.mark(B, ticks(BTC, "60000.00"));
        assertMoney("0", book.unrealizedCash(B));
        assertMoney("0", book.exposureCash(B));
        assertMoney("-53.80", book.netPnlCash(B));
        assertEquals(7_500, book.boughtLots(B));
        assertEquals(7_500, book.soldLots(B));
        assertEquals(4, book.fills(B));
    }

    @Test
    void shouldTruncateRemovedCostTowardZeroWhenClosingPartOfLong()
    {
        book.applyFill(B, Side.BUY, 1, 100, 0);
        book.applyFill(B, Side.BUY, 1, 100, 0);
        book.applyFill(B, Side.BUY, 1, 101, 0);
        assertEquals(30_100, book.costCash(B));

        book.applyFill(B, Side.SELL, 1, 100, 0);

        // 30100 / 3 = 10033.33 -> 10033 removed
        assertEquals(20_067, book.costCash(B));
        assertEquals(10_000 - 10_033, book.realizedCash(B));

        book.applyFill(B, Side.SELL, 2, 100, 0);

        assertEquals(0, book.costCash(B));
        assertEquals(-100, book.realizedCash(B), "nothing is lost to truncation over the round trip");
    }

    @Test
    void shouldTruncateRemovedCostTowardZeroWhenClosingPartOfShort()
    {
        book.applyFill(B, Side.SELL, 1, 100, 0);
        book.applyFill(B, Side.SELL, 1, 100, 0);
        book.applyFill(B, Side.SELL, 1, 101, 0);
        assertEquals(-30_100, book.costCash(B));

        book.applyFill(B, Side.BUY, 1, 100, 0);

        // -30100 / 3 = -10033.33 -> -10033 removed (toward zero, not -10034)
        assertEquals(-20_067, book.costCash(B));
        assertEquals(10_033 - 10_000, book.realizedCash(B));

        book.applyFill(B, Side.BUY, 2, 100, 0);

        assertEquals(0, book.costCash(B));
        assertEquals(100, book.realizedCash(B));
    }

    @Test
    void shouldFlipLongToShortInOneFill()
    {
        buy(AAPL, A, "100", "150.00", "0.50");

        sell(AAPL, A, "150", "155.00", "0.75");

        // closes 100 for 100 * 5.00 = 500, opens 50 short at 155.00
        assertEquals(-50, book.positionLots(A));
        assertMoney("-7750", book.costCash(A));
        assertMoney("500", book.realizedCash(A));
        assertMoney("1.25", book.feesCash(A));
        assertEquals(15_500.0, book.averagePriceTicks(A));
        assertEquals(100, book.boughtLots(A));
        assertEquals(150, book.soldLots(A));

        book.mark(A, ticks(AAPL, "154.00"));

        assertMoney("50", book.unrealizedCash(A));
        assertMoney("7700", book.exposureCash(A));
        assertMoney("548.75", book.netPnlCash(A));
    }

    @Test
    void shouldFlipShortToLongInOneFill()
    {
        sell(AAPL, A, "10", "20.00", "0.01");

        buy(AAPL, A, "25", "19.50", "0.02");

        // closes 10 for 10 * 0.50 = 5, opens 15 long at 19.50
        assertEquals(15, book.positionLots(A));
        assertMoney("292.50", book.costCash(A));
        assertMoney("5", book.realizedCash(A));
        assertMoney("0.03", book.feesCash(A));
        assertEquals(1_950.0, book.averagePriceTicks(A));

        book.mark(A, ticks(AAPL, "19.00"));

        // 15 * 19.00 - 292.50
        assertMoney("-7.50", book.unrealizedCash(A));
        assertMoney("-2.53", book.netPnlCash(A));
    }

    @Test
    void shouldAverageOverPartialFillsAtDifferentPrices()
    {
        buy(BTC, B, "0.1", "50000.00", "0");
        buy(BTC, B, "0.2", "50100.00", "0");
        buy(BTC, B, "0.3", "49900.00", "0");

        // 5000 + 10020 + 14970
        assertEquals(6_000, book.positionLots(B));
        assertMoney("29990", book.costCash(B));
        assertEquals(4_998_333.333_333_33, book.averagePriceTicks(B), 1e-6);

        sell(BTC, B, "0.2", "50500.00", "0");

        // removed 29990 / 3 = 9996.666666666... -> 9996.66666666; value 10100
        assertMoney("19993.33333334", book.costCash(B));
        assertMoney("103.33333334", book.realizedCash(B));

        sell(BTC, B, "0.4", "50200.00", "0");

        // the rest: 20080 - 19993.33333334; the total is exactly 10100 + 20080 - 29990
        assertMoney("0", book.costCash(B));
        assertMoney("190", book.realizedCash(B));
    }

    @Test
    void shouldAccumulateFeesApartFromRealizedPnl()
    {
        buy(AAPL, A, "10", "100.00", "0.10");
        buy(AAPL, A, "10", "100.00", "0.20");
        sell(AAPL, A, "20", "100.00", "0.30");
        buy(AAPL, A, "5", "101.00", "0.40");

        assertMoney("0", book.realizedCash(A), "flat round trip at one price realizes nothing");
        assertMoney("1.00", book.feesCash(A));
        book.mark(A, ticks(AAPL, "102.00"));
        assertMoney("5", book.unrealizedCash(A));
        assertMoney("4.00", book.netPnlCash(A));
        assertEquals(4, book.fills(A));
    }

    @Test
    void shouldValueShortPositionsAtTheMark()
    {
        sell(BTC, B, "2", "50000.00", "0");

        book.mark(B, ticks(BTC, "49000.00"));

        assertEquals(-20_000, book.positionLots(B));
        assertMoney("-100000", book.costCash(B));
        assertMoney("2000", book.unrealizedCash(B));
        assertMoney("98000", book.exposureCash(B));
        assertEquals(5_000_000.0, book.averagePriceTicks(B));
    }

    @Test
    void shouldKeepInstrumentsApart()
    {
        buy(BTC, B, "1", "50000.00", "5");
        book.mark(B, ticks(BTC, "50001.00"));

        assertEquals(0, book.positionLots(A));
        assertEquals(0, book.costCash(A));
        assertEquals(0, book.feesCash(A));
        assertEquals(0, book.fills(A));
        assertEquals(0, book.markTicks(A));
        assertEquals(0, book.netPnlCash(A));
    }

    @Test
    void shouldMatchDecimalReferenceOverTenThousandRandomFills()
    {
        final SplittableRandom random = new SplittableRandom(0xB00C_2024L);
        final Instrument[] instruments = { BTC, AAPL };
        final ReferencePosition[] reference = { new ReferencePosition(), new ReferencePosition() };
        final long[] basePriceTicks = { 5_000_000, 15_000 };
        final long[] maxLots = { 100_000, 1_000 };
        final long[] lastPriceTicks = basePriceTicks.clone();
        final int[] branches = new int[5];

        for (int n = 0; n < 10_000; n++)
        {
            final int index = random.nextInt(2);
            final Instrument instrument = instruments[index];
            final ReferencePosition ref = reference[index];
            final long position = book.positionLots(index);

            lastPriceTicks[index] = Math.max(1, lastPriceTicks[index] + random.nextLong(-200, 201));
            final long priceTicks = lastPriceTicks[index];
            final long feeCash = random.nextLong(0, 50_000);

            final byte side;
            final long qtyLots;
            final int kind = random.nextInt(5);
            if (position == 0 || kind == 0)
            {
                side = position > 0 ? Side.BUY : position < 0 ? Side.SELL : random.nextBoolean() ? Side.BUY : Side.SELL;
                qtyLots = 1 + random.nextLong(maxLots[index] / 10);
                branches[0]++;
            }
            else
            {
                side = position > 0 ? Side.SELL : Side.BUY;
                final long absPosition = Math.abs(position);
                if (kind == 1)
                {
                    qtyLots = absPosition;
                    branches[1]++;
                }
                else if (kind == 2 || kind == 3)
                {
                    qtyLots = absPosition == 1 ? 1 : 1 + random.nextLong(absPosition - 1);
                    branches[absPosition == 1 ? 1 : 2]++;
                }
                else
                {
                    qtyLots = absPosition + 1 + random.nextLong(maxLots[index] / 10);
                    branches[3]++;
                }
            }
            if (Math.abs(position + Side.sign(side) * qtyLots) > maxLots[index])
            {
                continue;
            }

            book.applyFill(index, side, qtyLots, priceTicks, feeCash);
            ref.fill(side == Side.BUY, instrument.lotsToQty(qtyLots), instrument.ticksToPrice(priceTicks),
                Instrument.cashToDecimal(feeCash));

            if (random.nextInt(4) == 0)
            {
                final long markTicks = Math.max(1, priceTicks + random.nextLong(-500, 501));
                book.mark(index, markTicks);
                ref.mark = instrument.ticksToPrice(markTicks);
                branches[4]++;
            }
            assertMatches(instrument, index, ref, n);
        }

        for (int i = 0; i < branches.length; i++)
        {
            assertTrue(branches[i] > 500, "branch " + i + " exercised " + branches[i] + " times");
        }
    }

    private void assertMatches(final Instrument instrument, final int index, final ReferencePosition ref, final int n)
    {
        final String where = instrument.symbol() + " after fill " + n;
        assertEquals(instrument.qtyToLots(ref.qty), book.positionLots(index), where + ": position");
        assertMoney(ref.cost, book.costCash(index), where + ": cost");
        assertMoney(ref.realized, book.realizedCash(index), where + ": realized");
        assertMoney(ref.fees, book.feesCash(index), where + ": fees");
        assertMoney(ref.unrealized(), book.unrealizedCash(index), where + ": unrealized");
        assertMoney(ref.realized.add(ref.unrealized()).subtract(ref.fees), book.netPnlCash(index), where + ": net");
        if (ref.qty.signum() != 0)
        {
            final double expectedAverage = ref.cost.divide(ref.qty, 20, RoundingMode.HALF_EVEN)
                .divide(instrument.tickSize(), 20, RoundingMode.HALF_EVEN).doubleValue();
            assertEquals(expectedAverage, book.averagePriceTicks(index), Math.abs(expectedAverage) * 1e-12,
                where + ": average");
        }
    }

    /**
     * An independent average-cost position in decimal quote currency, from decimal prices and quantities (not from
     * ticks, lots or cash per tick-lot). Closing q of a position P removes cost * q / |P| truncated toward zero to
     * 1e-8, as PositionBook documents.
     */
    private static final class ReferencePosition
    {
        private static final int CASH_SCALE = 8;

        BigDecimal qty = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal mark = BigDecimal.ZERO;

        void fill(final boolean buy, final BigDecimal fillQty, final BigDecimal price, final BigDecimal fee)
        {
            fees = fees.add(fee);
            final BigDecimal signed = buy ? fillQty : fillQty.negate();
            if (qty.signum() == 0 || qty.signum() == signed.signum())
            {
                qty = qty.add(signed);
                cost = cost.add(signed.multiply(price));
                return;
            }
            final BigDecimal absPosition = qty.abs();
            final BigDecimal close = fillQty.min(absPosition);
            final BigDecimal removed = close.compareTo(absPosition) == 0 ?
                cost : cost.multiply(close).divide(absPosition, CASH_SCALE, RoundingMode.DOWN);
            final BigDecimal closeValue = close.multiply(price);
            realized = realized.add(qty.signum() > 0 ? closeValue : closeValue.negate()).subtract(removed);
            cost = cost.subtract(removed);
            qty = qty.signum() > 0 ? qty.subtract(close) : qty.add(close);
            final BigDecimal remaining = fillQty.subtract(close);
            if (remaining.signum() > 0)
            {
                qty = buy ? remaining : remaining.negate();
                cost = qty.multiply(price);
            }
        }

        BigDecimal unrealized()
        {
            return qty.signum() == 0 || mark.signum() == 0 ? BigDecimal.ZERO : qty.multiply(mark).subtract(cost);
        }
    }

    private void buy(
        final Instrument instrument, final int index, final String qty, final String price, final String fee)
    {
        book.applyFill(index, Side.BUY, lots(instrument, qty), ticks(instrument, price), cash(fee));
    }

    private void sell(
        final Instrument instrument, final int index, final String qty, final String price, final String fee)
    {
        book.applyFill(index, Side.SELL, lots(instrument, qty), ticks(instrument, price), cash(fee));
    }

    private static long ticks(final Instrument instrument, final String price)
    {
        return instrument.priceToTicks(new BigDecimal(price));
    }

    private static long lots(final Instrument instrument, final String qty)
    {
        return instrument.qtyToLots(new BigDecimal(qty));
    }

    private static long cash(final String amount)
    {
        return new BigDecimal(amount).movePointRight(8).longValueExact();
    }

    private static void assertMoney(final String expected, final long actualCash)
    {
        assertMoney(new BigDecimal(expected), actualCash, "");
    }

    private static void assertMoney(final String expected, final long actualCash, final String message)
    {
        assertMoney(new BigDecimal(expected), actualCash, message);
    }

    private static void assertMoney(final BigDecimal expected, final long actualCash, final String message)
    {
        assertEquals(expected.setScale(8), Instrument.cashToDecimal(actualCash), message);
    }
}

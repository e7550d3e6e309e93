package io.easyquant.adapters.venue.paper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PaperVenueContextTest
{
    @Test
    void shouldUseDocumentedDefaults()
    {
        final PaperVenueContext context = PaperVenueContext.builder().build();

        assertEquals(PaperVenueContext.DEFAULT_SOURCE_ID, context.sourceId());
        assertEquals(0L, context.latencyNs());
        assertEquals(0.0, context.partialFillProbability());
        assertEquals(0.0, context.rejectProbability());
        assertEquals(0L, context.feeRateBps());
        assertEquals(PaperVenueContext.BarFill.NEXT_OPEN, context.barFill());
        assertEquals(0L, context.orderTtlNs());
        assertEquals(PaperVenueContext.DEFAULT_MAX_OPEN_ORDERS, context.maxOpenOrders());
    }

    @Test
    void shouldKeepEveryFieldSet()
    {
        final PaperVenueContext context = PaperVenueContext.builder()
            .sourceId(9)
            .latencyNs(5)
            .partialFillProbability(0.25)
            .rejectProbability(0.5)
            .feeRateBps(10)
            .seed(-3)
            .barFill(PaperVenueContext.BarFill.SIGNAL_CLOSE)
            .orderTtlNs(1_000)
            .maxOpenOrders(16)
            .build();

        assertEquals(9, context.sourceId());
        assertEquals(5L, context.latencyNs());
        assertEquals(0.25, context.partialFillProbability());
        assertEquals(0.5, context.rejectProbability());
        assertEquals(10L, context.feeRateBps());
        assertEquals(-3L, context.seed());
        assertEquals(PaperVenueContext.BarFill.SIGNAL_CLOSE, context.barFill());
        assertEquals(1_000L, context.orderTtlNs());
        assertEquals(16, context.maxOpenOrders());
        assertEquals(context, PaperVenueContext.builder()
            .sourceId(9).latencyNs(5).partialFillProbability(0.25).rejectProbability(0.5).feeRateBps(10).seed(-3)
            .barFill(PaperVenueContext.BarFill.SIGNAL_CLOSE).orderTtlNs(1_000).maxOpenOrders(16).build());
    }

    @Test
    void shouldNameTheFieldWhenAValueIsOutOfRange()
    {
        assertRejected("rejectProbability: expected a number in [0, 1], got 2",
            () -> PaperVenueContext.builder().rejectProbability(2).build());
        assertRejected("rejectProbability: expected a number in [0, 1], got NaN",
            () -> PaperVenueContext.builder().rejectProbability(Double.NaN).build());
        assertRejected("partialFillProbability: expected a number in [0, 1], got -0.1",
            () -> PaperVenueContext.builder().partialFillProbability(-0.1).build());
        assertRejected("latencyNs: expected a non-negative number of nanoseconds, got -1",
            () -> PaperVenueContext.builder().latencyNs(-1).build());
        assertRejected("feeRateBps: expected basis points in [0, 10000], got -1",
            () -> PaperVenueContext.builder().feeRateBps(-1).build());
        assertRejected("feeRateBps: expected basis points in [0, 10000], got 10001",
            () -> PaperVenueContext.builder().feeRateBps(10_001).build());
        assertRejected("barFill: expected NEXT_OPEN or SIGNAL_CLOSE, got null",
            () -> PaperVenueContext.builder().barFill(null).build());
        assertRejected("orderTtlNs: expected 0 (good till cancel) or a positive number of nanoseconds, got -5",
            () -> PaperVenueContext.builder().orderTtlNs(-5).build());
        assertRejected("maxOpenOrders: expected an integer in [1, 16777216], got 0",
            () -> PaperVenueContext.builder().maxOpenOrders(0).build());
    }

    private static void assertRejected(final String message, final Executable build)
    {
        assertEquals(message, assertThrows(IllegalArgumentException.class, build).getMessage());
    }
}

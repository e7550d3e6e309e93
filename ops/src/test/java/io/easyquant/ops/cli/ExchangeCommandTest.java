package io.easyquant.ops.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExchangeCommandTest
{
    @Test
    void shouldServeUntilTheDurationAndSayWhatItServed()
    {
        final InProcess.Result result = InProcess.execute("exchange", "--venue", "binance", "--port", "0",
            "--duration", "1s", "--faults", "drops=1");

        assertEquals(0, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains("\nfake binance exchange on 127.0.0.1:"), result.out());
        assertTrue(result.out().contains("fake exchange stopping: 0 connections"), result.out());
    }

    @Test
    void shouldRefuseAnUnknownVenueBadFaultsOrAMissingFixture()
    {
        final InProcess.Result venue = InProcess.execute("exchange", "--venue", "kraken", "--port", "0");
        assertEquals(2, venue.exitCode());
        assertEquals("error: venue: expected binance or coinbase, got 'kraken'\n", venue.err());

        final InProcess.Result faults = InProcess.execute("exchange", "--venue", "binance", "--faults", "skip=lots");
        assertEquals(2, faults.exitCode());
        assertEquals("error: faults: skip: expected a number, got 'lots'\n", faults.err());

        final InProcess.Result fixture = InProcess.execute("exchange", "--venue", "coinbase", "--fixture",
            "no-such-file.jsonl");
        assertEquals(2, fixture.exitCode());
        assertEquals("error: --fixture: file not found: no-such-file.jsonl\n", fixture.err());
    }
}

package io.easyquant.ops.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JournalFormatsTest
{
    @Test
    void shouldPrintSizesInBinaryUnitsWithOneDecimal()
    {
        assertEquals("0 B", JournalFormats.size(0));
        assertEquals("1023 B", JournalFormats.size(1023));
        assertEquals("1.0 KiB", JournalFormats.size(1024));
        assertEquals("1.5 KiB", JournalFormats.size(1536));
        assertEquals("80.1 MiB", JournalFormats.size(84_019_327));
        assertEquals("2.0 GiB", JournalFormats.size(2L << 30));
        assertEquals("8.0 EiB", JournalFormats.size(Long.MAX_VALUE));
    }

    @Test
    void shouldPrintIndexesInHexAsChronicleDoes()
    {
        assertEquals("0x4e2000000001", JournalFormats.index(0x4e2000000001L));
        assertEquals("0x0", JournalFormats.index(0));
    }

    @Test
    void shouldPrintTimesInUtcWithNineFractionDigits()
    {
        assertEquals("2024-01-02T03:04:05.000000001Z", JournalFormats.time(1_704_164_645_000_000_001L));
        assertEquals("1969-12-31T23:59:59.999999999Z", JournalFormats.time(-1));
    }
}

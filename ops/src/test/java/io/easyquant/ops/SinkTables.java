package io.easyquant.ops;

import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.queue.Journal;
import io.easyquant.journal.queue.JournalException;
import io.easyquant.journal.queue.JournalReader;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Compares what a journal holds with what the sink wrote: one row per record in each table, no index twice.
 */
public final class SinkTables
{
    private SinkTables()
    {
    }

    /**
     * @return records per template id.
     */
    public static long[] recordsByType(final Path journalDirectory) throws JournalException
    {
        final long[] counts = new long[64];
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
        try (Journal journal = Journal.openForReading(journalDirectory); JournalReader reader = journal.newReader())
        {
            while (reader.next(record) >= 0)
            {
                counts[RecordHeader.templateId(record, 0)]++;
            }
        }
        return counts;
    }

    /**
     * Every decision, venue report and admin command of the journal is in its table and in events exactly once.
     *
     * @return the number of orders in the journal.
     */
    public static long assertEveryRecordOnce(final Path journalDirectory, final String url) throws Exception
    {
        final long[] counts = recordsByType(journalDirectory);
        assertTable(url, "orders", counts[RecordType.ORDER.code()]);
        assertTable(url, "execution_reports", counts[RecordType.EXECUTION_REPORT.code()]);
        assertTable(url, "cancels", counts[RecordType.CANCEL.code()]);
        assertTable(url, "order_intents", counts[RecordType.ORDER_INTENT.code()]);
        assertTable(url, "risk_decisions", counts[RecordType.RISK_DECISION.code()]);
        assertTable(url, "signals", counts[RecordType.SIGNAL.code()]);
        assertTable(url, "admin_actions", counts[RecordType.ADMIN_COMMAND.code()]);
        assertTable(url, "bars", counts[RecordType.BAR.code()]);
        assertTable(url, "events", counts[RecordType.SIGNAL.code()] + counts[RecordType.ORDER_INTENT.code()] +
            counts[RecordType.RISK_DECISION.code()] + counts[RecordType.ORDER.code()] +
            counts[RecordType.CANCEL.code()] + counts[RecordType.EXECUTION_REPORT.code()] +
            counts[RecordType.ADMIN_COMMAND.code()]);
        long total = 0;
        for (final long count : counts)
        {
            total += count;
        }
        assertEquals(total, count(url, "SELECT records FROM easyquant.sink_checkpoint"), "records in the checkpoint");
        return counts[RecordType.ORDER.code()];
    }

    private static void assertTable(final String url, final String table, final long expected) throws SQLException
    {
        assertEquals(expected, count(url, "SELECT count(*) FROM easyquant." + table), table);
        assertEquals(expected, count(url, "SELECT count(DISTINCT journal_index) FROM easyquant." + table),
            table + ": distinct journal indexes");
    }

    public static long count(final String url, final String sql) throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(url);
            Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery(sql))
        {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}

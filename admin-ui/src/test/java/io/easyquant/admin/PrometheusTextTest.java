package io.easyquant.admin;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test's own format checker accepts the format and rejects what breaks it, so that a passing metrics test means
 * something.
 */
class PrometheusTextTest
{
    private static final String GOOD =
        "# HELP a_total Things \\\\ done\\n twice\n" +
        "# TYPE a_total counter\n" +
        "a_total{kind=\"x\\\"y\"} 3.0\n" +
        "a_total{kind=\"z\",} 1e3 1700000000000\n" +
        "# TYPE b gauge\n" +
        "b NaN\n" +
        "b{l=\"1\"} -Inf\n" +
        "# TYPE c summary\n" +
        "c{quantile=\"0.5\"} 0.25\n" +
        "c_count 2\n" +
        "c_sum 0.5\n";

    @Test
    void shouldParseAValidExposition()
    {
        final Map<String, PrometheusText.Family> families = PrometheusText.parse(GOOD);

        assertEquals(3, families.size());
        assertEquals("counter", families.get("a_total").type());
        assertEquals("Things \\ done\n twice", families.get("a_total").help());
        assertEquals("x\"y", families.get("a_total").samples().get(0).labels().get("kind"));
        assertEquals(1000.0, families.get("a_total").samples().get(1).value());
        assertTrue(Double.isNaN(families.get("b").samples().get(0).value()));
        assertEquals(3, families.get("c").samples().size());
    }

    @Test
    void shouldRejectWhatBreaksTheFormat()
    {
        final String[] bad = {
            "x 1",                                              // no final line feed
            "1x 1\n",                                           // bad metric name
            "x{1a=\"v\"} 1\n",                                  // bad label name
            "x{__a=\"v\"} 1\n",                                 // reserved label name
            "x{a=v} 1\n",                                       // unquoted value
            "x{a=\"\\t\"} 1\n",                                 // bad escape
            "x{a=\"1\",a=\"2\"} 1\n",                           // repeated label
            "x one\n",                                          // bad value
            "x 1 1.5\n",                                        // bad timestamp
            "# TYPE x counter\nx 1\n",                          // counter sample without _total
            "# TYPE x_total counter\nx_total -1\n",             // negative counter
            "# TYPE x gauge\n# TYPE x gauge\nx 1\n",            // second TYPE
            "x 1\n# TYPE x gauge\n",                            // TYPE after samples
            "# TYPE x gauge\nx 1\n# TYPE y gauge\ny 1\nx{a=\"b\"} 2\n", // not contiguous
            "# TYPE x gauge\nx 1\nx 2\n",                       // duplicate sample
            "# TYPE x summary\nx 1\n",                          // summary sample without quantile
            "# TYPE x summary\nx{quantile=\"2\"} 1\n",          // quantile out of range
            "# TYPE x histogram2\n",                            // unknown type
            "# HELP x a\\tb\n",                                 // bad HELP escape
        };
        for (final String text : bad)
        {
            assertThrows(AssertionError.class, () -> PrometheusText.parse(text), text);
        }
    }
}

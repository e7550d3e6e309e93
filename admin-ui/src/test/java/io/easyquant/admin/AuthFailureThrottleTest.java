package io.easyquant.admin;

import org.junit.jupiter.api.Test;

import static io.easyquant.admin.AuthFailureThrottle.ANSWER_NOW;
import static io.easyquant.admin.AuthFailureThrottle.REFUSE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthFailureThrottleTest
{
    private static final long WINDOW_NS = 60_000_000_000L;
    private static final long DELAY_NS = 1_000_000_000L;

    @Test
    void shouldAnswerTheFreeFailuresAtOnceThenDelayOneAtATimePerClient()
    {
        final AuthFailureThrottle throttle = new AuthFailureThrottle(2, WINDOW_NS, DELAY_NS, 4);
        assertEquals(ANSWER_NOW, throttle.onFailure("a", 0));
        assertEquals(ANSWER_NOW, throttle.onFailure("a", 1));
        assertEquals(DELAY_NS, throttle.onFailure("a", 2));
        assertTrue(throttle.isWaiting("a"));
        assertEquals(REFUSE, throttle.onFailure("a", 3), "one delayed answer per client at a time");
        assertEquals(ANSWER_NOW, throttle.onFailure("b", 4), "another client has its own count");
        throttle.delayed("a");
        assertFalse(throttle.isWaiting("a"));
        assertEquals(DELAY_NS, throttle.onFailure("a", 5), "the next failure waits again");
        throttle.delayed("a");
        assertEquals(ANSWER_NOW, throttle.onFailure("a", WINDOW_NS + 2), "a new window starts afresh");
    }

    @Test
    void shouldDelayAtMostMaxDelayedAnswersOverAllClients()
    {
        final AuthFailureThrottle throttle = new AuthFailureThrottle(0, WINDOW_NS, DELAY_NS, 2);
        assertEquals(DELAY_NS, throttle.onFailure("a", 0));
        assertEquals(DELAY_NS, throttle.onFailure("b", 0));
        assertEquals(REFUSE, throttle.onFailure("c", 0), "no room to delay: refused at once, no thread held");
        throttle.delayed("b");
        assertEquals(DELAY_NS, throttle.onFailure("c", 1));
    }
}

package io.easyquant.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.easyquant.engine.metrics.EngineCounters;
import io.easyquant.journal.codec.AdminCommandCodec;
import io.easyquant.journal.codec.AdminCommandType;
import io.easyquant.journal.codec.CommandOrigin;
import io.easyquant.journal.codec.RecordHeader;
import io.easyquant.journal.codec.RecordType;
import io.easyquant.journal.codec.TradingState;
import io.easyquant.journal.queue.JournalReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.easyquant.admin.AdminFixture.OPERATOR_SECRET;
import static io.easyquant.admin.AdminFixture.VIEWER_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * State changes by an operator: they enter the ring as admin commands, are journaled with principal, remote address,
 * time and reason, and the engine really changes state (HALTED cancels the working order).
 */
class KillSwitchApiTest
{
    @TempDir
    Path dir;

    @Test
    void shouldHaltTheEngineCancelWorkingOrdersAndJournalWhoWhenAndWhy() throws Exception
    {
        try (AdminFixture fixture = AdminFixture.start(dir))
        {
            fixture.trade();
            assertEquals(1, fixture.engine.orderBoard().working().size());
            final long before = Instant.now().toEpochMilli();

            final HttpResponse<String> response = fixture.post("/api/v1/kill-switch", OPERATOR_SECRET,
                "{\"action\":\"engage\",\"reason\":\"venue misbehaving\"}");

            assertEquals(200, response.statusCode(), response.body());
            final JsonNode body = Json.parse(response.body());
            assertEquals("HALTED", body.get("tradingState").asText());
            assertTrue(body.get("applied").asBoolean());
            assertEquals("otto", body.get("principal").asText());
            assertEquals(TradingState.HALTED, fixture.engine.counters().get(EngineCounters.TRADING_STATE));
            fixture.awaitIdle();
            assertEquals(1, fixture.engine.counters().get(EngineCounters.CANCELS_SENT));
            assertEquals(0, fixture.engine.orderBoard().working().size(), "the resting order was cancelled");
            assertEquals("CANCELLED", Json.parse(fixture.get("/api/v1/orders", VIEWER_SECRET).body())
                .get("recent").get(0).get("state").asText());

            final List<AdminCommandCodec> commands = journaledCommands(fixture);
            assertEquals(1, commands.size());
            final AdminCommandCodec command = commands.get(0);
            assertEquals(AdminCommandType.KILL_ENGAGE, command.command());
            assertEquals(CommandOrigin.API, command.origin());
            assertEquals("otto", command.principal());
            assertEquals("venue misbehaving", command.reason());
            assertEquals("127.0.0.1", command.remoteAddress());
            final long journaledMs = command.timeNs() / 1_000_000;
            assertTrue(journaledMs >= before && journaledMs <= Instant.now().toEpochMilli(), "stamped when received");
        }
    }

    @Test
    void shouldReleaseTheKillSwitchAndSetTradingStates() throws Exception
    {
        try (AdminFixture fixture = AdminFixture.start(dir))
        {
            final HttpResponse<String> notHalted = fixture.post("/api/v1/kill-switch", OPERATOR_SECRET,
                "{\"action\":\"release\",\"reason\":\"nothing to release\"}");
            assertEquals(409, notHalted.statusCode(), notHalted.body());
            assertTrue(notHalted.body().contains("release leaves HALTED only; the engine is ACTIVE"), notHalted.body());

            assertEquals(200, fixture.post("/api/v1/kill-switch", OPERATOR_SECRET,
                "{\"action\":\"engage\",\"reason\":\"drill\"}").statusCode());

            final HttpResponse<String> release = fixture.post("/api/v1/kill-switch", OPERATOR_SECRET,
                "{\"action\":\"release\",\"reason\":\"drill over\"}");
            assertEquals(200, release.statusCode(), release.body());
            assertEquals("ACTIVE", Json.parse(release.body()).get("tradingState").asText());

            final HttpResponse<String> reducing = fixture.post("/api/v1/trading-state", OPERATOR_SECRET,
                "{\"state\":\"reducing\",\"reason\":\"end of day\"}");
            assertEquals(200, reducing.statusCode(), reducing.body());
            assertEquals(TradingState.REDUCING, fixture.engine.counters().get(EngineCounters.TRADING_STATE));
            assertEquals("REDUCING", Json.parse(fixture.get("/api/v1/status", VIEWER_SECRET).body())
                .get("tradingState").asText());

            assertEquals(200, fixture.post("/api/v1/trading-state", OPERATOR_SECRET,
                "{\"state\":\"HALTED\",\"reason\":\"stop\"}").statusCode());
            assertEquals(TradingState.HALTED, fixture.engine.counters().get(EngineCounters.TRADING_STATE));

            final List<Integer> journaled = new ArrayList<>();
            for (final AdminCommandCodec command : journaledCommands(fixture))
            {
                journaled.add(command.command() * 10 + command.argument());
            }
            assertEquals(List.of(AdminCommandType.KILL_ENGAGE * 10, AdminCommandType.KILL_RELEASE * 10,
                AdminCommandType.SET_TRADING_STATE * 10 + TradingState.REDUCING,
                AdminCommandType.SET_TRADING_STATE * 10 + TradingState.HALTED), journaled);
        }
    }

    @Test
    void shouldAnswer503AndSendNothingWhenTheRingStaysFull() throws Exception
    {
        try (AdminFixture fixture = AdminFixture.withStoppedEngine(dir))
        {
            int published = 0;
            while (fixture.engine.ringRemainingCapacity() > 0 && published < 10_000)
            {
                fixture.engine.newPublisher().publishTimerTick(1, 1, published++);
            }

            final HttpResponse<String> response = fixture.post("/api/v1/kill-switch", OPERATOR_SECRET,
                "{\"action\":\"engage\",\"reason\":\"ring full\"}");

            assertEquals(503, response.statusCode(), response.body());
            final JsonNode body = Json.parse(response.body());
            assertFalse(body.get("applied").asBoolean());
            assertTrue(body.get("error").asText().contains("ring stayed full"));
        }
    }

    @Test
    void shouldAnswer202WhenTheCommandIsJournaledButNotAppliedInTime() throws Exception
    {
        try (AdminFixture fixture = AdminFixture.withStoppedEngine(dir))
        {
            final HttpResponse<String> response = fixture.post("/api/v1/kill-switch", OPERATOR_SECRET,
                "{\"action\":\"engage\",\"reason\":\"pipeline stopped\"}");

            assertEquals(202, response.statusCode(), response.body());
            assertFalse(Json.parse(response.body()).get("applied").asBoolean());
        }
    }

    /**
     * Every admin command in the journal, in order (copies).
     */
    static List<AdminCommandCodec> journaledCommands(final AdminFixture fixture)
    {
        fixture.awaitIdle();
        final List<AdminCommandCodec> commands = new ArrayList<>();
        try (JournalReader reader = fixture.journal.newReader())
        {
            while (true)
            {
                final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordHeader.MAX_RECORD_LENGTH]);
                if (reader.next(record) < 0)
                {
                    break;
                }
                if (RecordHeader.templateId(record, 0) == RecordType.ADMIN_COMMAND.code())
                {
                    commands.add(new AdminCommandCodec().wrap(record, 0));
                }
            }
        }
        return commands;
    }
}

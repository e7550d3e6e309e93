package io.easyquant.adapters.sink.postgres;

/**
 * The event and stage names the sink writes into the events table ({@link RowEncoder}) and that history queries
 * select by ({@link EventHistory#selectors}): one spelling for both.
 */
final class EventNames
{
    static final String STAGE_VENUE = "venue";
    static final String STAGE_ADMIN = "admin";
    static final String SIGNAL = "signal";
    static final String TRADING_STATE = "trading_state";
    static final String ORDER_INTENT = "order_intent";
    static final String RISK_ACCEPTED = "risk_accepted";
    static final String RISK_REJECTED = "risk_rejected";
    static final String ORDER_SENT = "order_sent";
    static final String CANCEL_SENT = "cancel_sent";

    private EventNames()
    {
    }
}

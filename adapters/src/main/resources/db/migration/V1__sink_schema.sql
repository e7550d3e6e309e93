-- The Postgres sink's schema: what the engine journaled, one table per kind of record, keyed by the journal and the
-- record's Chronicle index. Prices are in ticks, quantities in lots and money in cash units (1e-8 of the quote
-- currency), exactly as journaled; the views at the end turn them into decimals with the instruments table.
-- Times are engine time (the record header's), UTC, to the microsecond.

CREATE TABLE journals (
    journal_id     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           text        NOT NULL UNIQUE,
    kind           text        NOT NULL,
    engine_version text        NOT NULL,
    config_digest  text        NOT NULL,
    registered_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per journal: the index of the last record whose rows are committed, written in the same transaction as
-- those rows. This row is the sink's only notion of progress.
CREATE TABLE sink_checkpoint (
    journal_id      integer     PRIMARY KEY REFERENCES journals,
    journal_index   bigint      NOT NULL,  -- -1 before the first record
    records         bigint      NOT NULL,  -- journal records consumed up to and including journal_index
    record_sequence bigint,                -- sequence and time of the record at journal_index: a restarted sink
    record_time_ns  bigint,                -- checks that the journal there is still the same one
    state           bytea,                 -- positions, working orders and marks after journal_index
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE instruments (
    journal_id     integer NOT NULL REFERENCES journals,
    instrument_id  integer NOT NULL,
    symbol         text    NOT NULL,
    tick_size      numeric NOT NULL,
    lot_size       numeric NOT NULL,
    quote_currency text    NOT NULL,
    PRIMARY KEY (journal_id, instrument_id)
);

-- Every fact table starts with the same columns: journal_id, journal_index (the Chronicle index, unique per journal:
-- the second guard of exactly-once), seq (the engine sequence of the record, or of its cause for decisions), time
-- (engine time) and source_id (who produced the record).
--
-- Indexes: time ranges by BRIN (rows arrive in time order, so a BRIN index is tiny and nearly free to maintain; a
-- query by instrument or type within a time range filters the blocks it selects); order ids, intent ids and the
-- instrument of orders, reports and positions by B-tree; events by a B-tree on time, which also serves the admin
-- view's newest-first paging. Each B-tree costs the COPY throughput noticeably (see perf/README.md).

CREATE TABLE orders (
    journal_id        integer     NOT NULL,
    journal_index     bigint      NOT NULL,
    seq               bigint      NOT NULL,
    time              timestamptz NOT NULL,
    source_id         integer     NOT NULL,
    cl_ord_id         bigint      NOT NULL,
    intent_id         bigint      NOT NULL,
    instrument_id     integer     NOT NULL,
    side              text        NOT NULL,
    order_type        text        NOT NULL,
    qty_lots          bigint      NOT NULL,
    limit_price_ticks bigint      NOT NULL,
    cause_seq         bigint      NOT NULL,
    PRIMARY KEY (journal_id, journal_index)
);
CREATE INDEX orders_time ON orders USING brin (time);
CREATE INDEX orders_instrument_time ON orders (instrument_id, time);
CREATE INDEX orders_cl_ord_id ON orders (cl_ord_id);

CREATE TABLE execution_reports (
    journal_id       integer     NOT NULL,
    journal_index    bigint      NOT NULL,
    seq              bigint      NOT NULL,
    time             timestamptz NOT NULL,
    source_id        integer     NOT NULL,
    cl_ord_id        bigint      NOT NULL,
    exec_id          bigint      NOT NULL,
    instrument_id    integer     NOT NULL,
    exec_type        text        NOT NULL,
    side             text        NOT NULL,
    last_qty_lots    bigint      NOT NULL,
    last_price_ticks bigint      NOT NULL,
    leaves_qty_lots  bigint      NOT NULL,
    cum_qty_lots     bigint      NOT NULL,
    fee_cash         bigint      NOT NULL,
    venue_time       timestamptz NOT NULL,
    reject_reason    integer     NOT NULL,
    PRIMARY KEY (journal_id, journal_index)
);
CREATE INDEX execution_reports_time ON execution_reports USING brin (time);
CREATE INDEX execution_reports_instrument_time ON execution_reports (instrument_id, time);
CREATE INDEX execution_reports_cl_ord_id ON execution_reports (cl_ord_id);

CREATE TABLE cancels (
    journal_id      integer     NOT NULL,
    journal_index   bigint      NOT NULL,
    seq             bigint      NOT NULL,
    time            timestamptz NOT NULL,
    source_id       integer     NOT NULL,
    cl_ord_id       bigint      NOT NULL,
    instrument_id   integer     NOT NULL,
    reason_code     integer     NOT NULL,
    reason          text        NOT NULL,
    leaves_qty_lots bigint      NOT NULL,
    cause_seq       bigint      NOT NULL,
    PRIMARY KEY (journal_id, journal_index)
);
CREATE INDEX cancels_time ON cancels USING brin (time);
CREATE INDEX cancels_cl_ord_id ON cancels (cl_ord_id);

CREATE TABLE order_intents (
    journal_id        integer     NOT NULL,
    journal_index     bigint      NOT NULL,
    seq               bigint      NOT NULL,
    time              timestamptz NOT NULL,
    source_id         integer     NOT NULL,
    intent_id         bigint      NOT NULL,
    instrument_id     integer     NOT NULL,
    side              text        NOT NULL,
    order_type        text        NOT NULL,
    qty_lots          bigint      NOT NULL,
    limit_price_ticks bigint      NOT NULL,
    target_lots       bigint      NOT NULL,
    cause_seq         bigint      NOT NULL,
    PRIMARY KEY (journal_id, journal_index)
);
CREATE INDEX order_intents_time ON order_intents USING brin (time);
CREATE INDEX order_intents_intent_id ON order_intents (intent_id);

CREATE TABLE risk_decisions (
    journal_id    integer     NOT NULL,
    journal_index bigint      NOT NULL,
    seq           bigint      NOT NULL,
    time          timestamptz NOT NULL,
    source_id     integer     NOT NULL,
    intent_id     bigint      NOT NULL,
    instrument_id integer     NOT NULL,
    accepted      boolean     NOT NULL,
    reason_code   integer     NOT NULL,
    reason        text        NOT NULL,
    observed      bigint      NOT NULL,
    limit_value   bigint      NOT NULL,
    cause_seq     bigint      NOT NULL,
    PRIMARY KEY (journal_id, journal_index)
);
CREATE INDEX risk_decisions_time ON risk_decisions USING brin (time);
CREATE INDEX risk_decisions_intent_id ON risk_decisions (intent_id);

CREATE TABLE signals (
    journal_id    integer          NOT NULL,
    journal_index bigint           NOT NULL,
    seq           bigint           NOT NULL,
    time          timestamptz      NOT NULL,
    source_id     integer          NOT NULL,
    instrument_id integer          NOT NULL,
    strategy_id   integer          NOT NULL,
    target_lots   bigint           NOT NULL,
    score         double precision NOT NULL,
    cause_seq     bigint           NOT NULL,
    PRIMARY KEY (journal_id, journal_index)
);
CREATE INDEX signals_time ON signals USING brin (time);

CREATE TABLE admin_actions (
    journal_id     integer     NOT NULL,
    journal_index  bigint      NOT NULL,
    seq            bigint      NOT NULL,
    time           timestamptz NOT NULL,
    source_id      integer     NOT NULL,
    command        text        NOT NULL,
    argument       integer     NOT NULL,
    origin         text        NOT NULL,
    principal      text        NOT NULL,
    reason         text        NOT NULL,
    remote_address text        NOT NULL,
    PRIMARY KEY (journal_id, journal_index)
);
CREATE INDEX admin_actions_time ON admin_actions (time);

-- Derived by the sink from admin commands (kill-switch engage and release, state changes), as the engine applies
-- them: one row per command that changed the state.
CREATE TABLE trading_state_changes (
    journal_id    integer     NOT NULL,
    journal_index bigint      NOT NULL,
    seq           bigint      NOT NULL,
    time          timestamptz NOT NULL,
    source_id     integer     NOT NULL,
    from_state    text        NOT NULL,
    to_state      text        NOT NULL,
    command       text        NOT NULL,
    origin        text        NOT NULL,
    principal     text        NOT NULL,
    reason        text        NOT NULL,
    PRIMARY KEY (journal_id, journal_index)
);
CREATE INDEX trading_state_changes_time ON trading_state_changes (time);

-- Derived by the sink from the journaled fills, with the engine's position arithmetic: one row for the instrument of
-- every applied fill (trigger 'fill'), and one per traded instrument every positionSnapshotIntervalMs of engine time
-- (trigger 'periodic').
CREATE TABLE position_snapshots (
    journal_id      integer     NOT NULL,
    journal_index   bigint      NOT NULL,
    seq             bigint      NOT NULL,
    time            timestamptz NOT NULL,
    instrument_id   integer     NOT NULL,
    trigger         text        NOT NULL,
    position_lots   bigint      NOT NULL,
    cost_cash       bigint      NOT NULL,
    realized_cash   bigint      NOT NULL,
    unrealized_cash bigint      NOT NULL,
    fees_cash       bigint      NOT NULL,
    mark_ticks      bigint      NOT NULL,
    fills           bigint      NOT NULL,
    bought_lots     bigint      NOT NULL,
    sold_lots       bigint      NOT NULL,
    PRIMARY KEY (journal_id, journal_index, instrument_id, trigger)
);
CREATE INDEX position_snapshots_instrument_time ON position_snapshots (instrument_id, time);
CREATE INDEX position_snapshots_time ON position_snapshots USING brin (time);

-- The engine's events, one per decision and per venue report or admin command: the timeline the admin page shows.
CREATE TABLE events (
    journal_id    integer     NOT NULL,
    journal_index bigint      NOT NULL,
    seq           bigint      NOT NULL,
    time          timestamptz NOT NULL,
    source_id     integer     NOT NULL,
    stage         text        NOT NULL,
    event         text        NOT NULL,
    instrument_id integer,
    payload       jsonb       NOT NULL,
    PRIMARY KEY (journal_id, journal_index)
);
CREATE INDEX events_time ON events (time);

-- Market data, when enabled (sink.postgres.marketData: bars on, ticks off by default).

CREATE TABLE bars (
    journal_id    integer     NOT NULL,
    journal_index bigint      NOT NULL,
    seq           bigint      NOT NULL,
    time          timestamptz NOT NULL,
    source_id     integer     NOT NULL,
    instrument_id integer     NOT NULL,
    bar_time      timestamptz NOT NULL,
    duration_ms   integer     NOT NULL,
    open_ticks    bigint      NOT NULL,
    high_ticks    bigint      NOT NULL,
    low_ticks     bigint      NOT NULL,
    close_ticks   bigint      NOT NULL,
    volume_lots   bigint      NOT NULL,
    PRIMARY KEY (journal_id, journal_index)
);
CREATE INDEX bars_instrument_time ON bars (instrument_id, bar_time);

CREATE TABLE trades (
    journal_id    integer     NOT NULL,
    journal_index bigint      NOT NULL,
    seq           bigint      NOT NULL,
    time          timestamptz NOT NULL,
    source_id     integer     NOT NULL,
    instrument_id integer     NOT NULL,
    source_time   timestamptz NOT NULL,
    price_ticks   bigint      NOT NULL,
    qty_lots      bigint      NOT NULL,
    aggressor     text        NOT NULL,
    trade_id      bigint      NOT NULL,
    PRIMARY KEY (journal_id, journal_index)
);
CREATE INDEX trades_time ON trades USING brin (time);

CREATE TABLE quotes (
    journal_id    integer     NOT NULL,
    journal_index bigint      NOT NULL,
    seq           bigint      NOT NULL,
    time          timestamptz NOT NULL,
    source_id     integer     NOT NULL,
    instrument_id integer     NOT NULL,
    source_time   timestamptz NOT NULL,
    bid_ticks     bigint      NOT NULL,
    bid_lots      bigint      NOT NULL,
    ask_ticks     bigint      NOT NULL,
    ask_lots      bigint      NOT NULL,
    PRIMARY KEY (journal_id, journal_index)
);
CREATE INDEX quotes_time ON quotes USING brin (time);

-- Decimal views for people: prices, quantities and money in the instrument's units.

CREATE VIEW fills AS
SELECT e.journal_id, e.journal_index, e.time, e.instrument_id, i.symbol, e.cl_ord_id, e.exec_id, e.exec_type, e.side,
       e.last_qty_lots * i.lot_size AS qty,
       e.last_price_ticks * i.tick_size AS price,
       e.fee_cash / 100000000.0 AS fee
FROM execution_reports e
JOIN instruments i ON i.journal_id = e.journal_id AND i.instrument_id = e.instrument_id
WHERE e.exec_type IN ('FILL', 'PARTIAL_FILL');

CREATE VIEW latest_positions AS
SELECT DISTINCT ON (p.journal_id, p.instrument_id)
       p.journal_id, j.name AS journal, p.instrument_id, i.symbol, p.time,
       p.position_lots * i.lot_size AS position,
       p.mark_ticks * i.tick_size AS mark,
       p.realized_cash / 100000000.0 AS realized,
       p.unrealized_cash / 100000000.0 AS unrealized,
       p.fees_cash / 100000000.0 AS fees,
       (p.realized_cash + p.unrealized_cash - p.fees_cash) / 100000000.0 AS net,
       p.fills
FROM position_snapshots p
JOIN journals j ON j.journal_id = p.journal_id
JOIN instruments i ON i.journal_id = p.journal_id AND i.instrument_id = p.instrument_id
ORDER BY p.journal_id, p.instrument_id, p.journal_index DESC, p.trigger;

/**
 * The Postgres sink: a journal tailer that writes orders, execution reports and fills, risk decisions, signals,
 * admin actions and trading-state changes, position snapshots, engine events and (optionally) market data into
 * PostgreSQL with COPY, exactly once across restarts and outages. Entry points: {@link
 * io.easyquant.adapters.sink.postgres.SinkService} (embedded server and sink thread), {@link
 * io.easyquant.adapters.sink.postgres.PostgresSink} (the agent), {@link
 * io.easyquant.adapters.sink.postgres.EventHistory} (reading events back). Schema: {@code db/migration}.
 */
package io.easyquant.adapters.sink.postgres;

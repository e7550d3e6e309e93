/**
 * The results of a backtest: {@link io.easyquant.ops.backtest.BacktestRecorder} records fills and equity samples as
 * the driver replays market data in simulated time, {@link io.easyquant.ops.backtest.BacktestStatistics} defines every
 * statistic, and {@link io.easyquant.ops.backtest.BacktestReport} writes {@code summary.json}, {@code trades.csv},
 * {@code equity.csv} and {@code report.html}. Nothing here reads a clock: the same run gives the same files.
 */
package io.easyquant.ops.backtest;

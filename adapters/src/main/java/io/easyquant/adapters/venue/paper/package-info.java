/**
 * The paper venue: a deterministic simulated exchange behind the engine's {@link io.easyquant.engine.venue.Venue}
 * port, for backtests and paper trading. Entry points: {@link io.easyquant.adapters.venue.paper.PaperVenueContext}
 * (configuration) and {@link io.easyquant.adapters.venue.paper.PaperVenue}.
 */
package io.easyquant.adapters.venue.paper;

"""Series and aggregates over the store: dyads (who does what to whom, over time)."""

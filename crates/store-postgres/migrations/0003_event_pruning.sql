-- Pruning removes the oldest events with their audience rows: find those rows by event.
CREATE INDEX event_audience_by_seq ON event_audience (seq);

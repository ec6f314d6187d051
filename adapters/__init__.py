"""Everything that touches the outside world: files, HTTP, SQL, Kafka."""

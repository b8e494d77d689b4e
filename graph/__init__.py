"""The Neo4j side of orglinks: settings, the driver's lifecycle, the schema and every Cypher query."""

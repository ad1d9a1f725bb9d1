"""Reading and checking a config: YAML, schema, bounds, scenarios, the decks, the plan."""

"""Reading and checking a config: YAML, schema, bounds, scenarios, the deck section, the plan."""

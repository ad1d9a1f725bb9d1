"""What every workflow job shares: the data store, code digests, job glue, external programs."""

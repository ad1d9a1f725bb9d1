"""What the workflow's jobs share besides the data-file format: code digests, job glue,
the external programs a build needs."""

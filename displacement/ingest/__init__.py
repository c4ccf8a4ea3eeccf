"""Getting the data in: HTTP and each source's bulk file, the tidy schema and the reshaping into
stored tables, the plausibility gate, the refresh that ties them together, and the bundled snapshot."""

"""The store that never loses data: each source's releases on disk, the release sets links record,
and what the dashboard and the command line read (the release in force, or the bundled snapshot's)."""

"""The figures and sentences every page, brief and command-line answer shows, from the stored tables:
the headline on UNHCR's basis, countries and rankings, one country, the summaries."""

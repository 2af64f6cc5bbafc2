"""The proof of a data design: the edge that starts processes. A throwaway PostgreSQL cluster
(always stopped and removed) or, with no PostgreSQL on the machine, SQLite's indicative plan."""
